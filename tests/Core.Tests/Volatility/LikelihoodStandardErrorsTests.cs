using MathNet.Numerics.LinearAlgebra;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class LikelihoodStandardErrorsTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(4, 5)]
    [InlineData(7, 8)]
    public void Standard_errors_are_the_roots_of_the_inverse_information_diagonal(int n, int seed)
    {
        // −H = AᵀA + I: positive definite; its inverse by LU (not Cholesky) as the independent reference.
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var information = a.TransposeThisAndMultiply(a) + Matrix<double>.Build.DenseIdentity(n);
        var hessian = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hessian[i, j] = -information[i, j];
            }
        }

        var covariance = information.LU().Inverse();
        var se = LikelihoodStandardErrors.FromHessian(hessian);
        Assert.NotNull(se);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(Math.Sqrt(covariance[i, i]), se[i], 1e-12 * Math.Sqrt(covariance[i, i]));
        }
    }

    [Fact]
    public void No_standard_errors_when_the_information_is_not_positive_definite_or_not_finite()
    {
        // Eigenvalues 3 and −1 of −H.
        Assert.Null(LikelihoodStandardErrors.FromHessian(new[,] { { -1.0, -2.0 }, { -2.0, -1.0 } }));
        Assert.Null(LikelihoodStandardErrors.FromHessian(new[,] { { -1.0, 0.0 }, { 0.0, 0.0 } }));
        Assert.Null(LikelihoodStandardErrors.FromHessian(new[,] { { -1.0, double.NaN }, { double.NaN, -1.0 } }));
        Assert.NotNull(LikelihoodStandardErrors.FromHessian(new[,] { { -1.0, 0.5 }, { 0.5, -1.0 } }));
    }
}
