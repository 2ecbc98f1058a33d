using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The per-observation likelihood loops of the innovation distributions, four observations at a time
/// (<see cref="Vector256"/>). A logarithm per observation would cost more than everything else in a
/// likelihood pass, so Σ ln x_t is taken as the logarithm of a product (<see cref="LogProduct"/>): four
/// running products whose binary exponents are moved into integer sums every eight steps, and four
/// logarithms at the end; its relative round-off, ~T·10⁻¹⁶, is that of summing T logarithms. The kernels
/// fall back to scalar logarithms when a value lies outside [10⁻³⁰, 10³⁰] (where eight-fold products could
/// leave the normal range), is not finite or is not positive. Tails are scalar.
/// </summary>
internal static class VectorKernels
{
    private const int Width = 4;

    /// <summary>Σ ln h_t and Σ ε²_t/h_t; with weights, ∂ℓ/∂h = ½(ε²/h − 1)/h and ∂ℓ/∂ε = −ε/h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double SumLogH, double SumRatio) Normal(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        Span<double> varianceWeights, Span<double> residualWeights, bool weights)
    {
        var n = residuals.Length;
        ref var e0 = ref MemoryMarshal.GetReference(residuals);
        ref var h0 = ref MemoryMarshal.GetReference(variance[..n]);
        var logs = LogProduct.Start();
        var ratios = Vector256<double>.Zero;
        var half = Vector256.Create(0.5);
        var one = Vector256<double>.One;
        var t = 0;
        if (weights)
        {
            ref var vw0 = ref MemoryMarshal.GetReference(varianceWeights[..n]);
            ref var rw0 = ref MemoryMarshal.GetReference(residualWeights[..n]);
            for (; t <= n - Width; t += Width)
            {
                var h = Vector256.LoadUnsafe(ref h0, (nuint)t);
                var e = Vector256.LoadUnsafe(ref e0, (nuint)t);
                var inverse = one / h;
                var ratio = e * e * inverse;
                logs.Add(h);
                ratios += ratio;
                (half * (ratio - one) * inverse).StoreUnsafe(ref vw0, (nuint)t);
                (-e * inverse).StoreUnsafe(ref rw0, (nuint)t);
            }
        }
        else
        {
            for (; t <= n - Width; t += Width)
            {
                var h = Vector256.LoadUnsafe(ref h0, (nuint)t);
                var e = Vector256.LoadUnsafe(ref e0, (nuint)t);
                logs.Add(h);
                ratios += e * e / h;
            }
        }

        var sumLog = logs.Sum();
        if (double.IsNaN(sumLog))
        {
            sumLog = SumLog(variance, t);
        }

        var sumRatio = Vector256.Sum(ratios);
        for (; t < n; t++)
        {
            var h = variance[t];
            var e = residuals[t];
            var ratio = e * e / h;
            sumLog += Math.Log(h);
            sumRatio += ratio;
            if (weights)
            {
                varianceWeights[t] = 0.5 * (ratio - 1) / h;
                residualWeights[t] = -e / h;
            }
        }

        return (sumLog, sumRatio);
    }

    /// <summary>
    /// Student-t with q_t = ε²_t·<paramref name="scale"/>/h_t: Σ ln h_t, Σ ln(1 + q_t) and Σ q_t/(1 + q_t); with
    /// weights, ∂ℓ/∂h = ½((ν+1)·q/(1+q) − 1)/h and ∂ℓ/∂ε = −(ν+1)·ε·scale/(h(1+q)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double SumLogH, double SumLogQ, double SumQRatio) StudentT(ReadOnlySpan<double> residuals,
        ReadOnlySpan<double> variance, double nu, double scale, Span<double> varianceWeights, Span<double> residualWeights,
        bool weights)
    {
        var n = residuals.Length;
        ref var e0 = ref MemoryMarshal.GetReference(residuals);
        ref var h0 = ref MemoryMarshal.GetReference(variance[..n]);
        var logH = LogProduct.Start();
        var logQ = LogProduct.Start();
        var qRatios = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var s = Vector256.Create(scale);
        var half = Vector256.Create(0.5);
        var nuPlusOne = Vector256.Create(nu + 1);
        var t = 0;
        if (weights)
        {
            ref var vw0 = ref MemoryMarshal.GetReference(varianceWeights[..n]);
            ref var rw0 = ref MemoryMarshal.GetReference(residualWeights[..n]);
            for (; t <= n - Width; t += Width)
            {
                var h = Vector256.LoadUnsafe(ref h0, (nuint)t);
                var e = Vector256.LoadUnsafe(ref e0, (nuint)t);
                var inverse = one / h;
                var q = e * e * s * inverse;
                var onePlusQ = one + q;
                var ratio = q / onePlusQ;
                logH.Add(h);
                logQ.Add(onePlusQ);
                qRatios += ratio;
                (half * (nuPlusOne * ratio - one) * inverse).StoreUnsafe(ref vw0, (nuint)t);
                (-nuPlusOne * e * s * inverse / onePlusQ).StoreUnsafe(ref rw0, (nuint)t);
            }
        }
        else
        {
            for (; t <= n - Width; t += Width)
            {
                var h = Vector256.LoadUnsafe(ref h0, (nuint)t);
                var e = Vector256.LoadUnsafe(ref e0, (nuint)t);
                logH.Add(h);
                logQ.Add(one + e * e * s / h);
            }
        }

        var sumLogH = logH.Sum();
        if (double.IsNaN(sumLogH))
        {
            sumLogH = SumLog(variance, t);
        }

        var sumLogQ = logQ.Sum();
        if (double.IsNaN(sumLogQ))
        {
            sumLogQ = 0;
            for (var k = 0; k < t; k++)
            {
                sumLogQ += Math.Log(1 + residuals[k] * residuals[k] * scale / variance[k]);
            }
        }

        var sumQRatio = Vector256.Sum(qRatios);
        for (; t < n; t++)
        {
            var h = variance[t];
            var e = residuals[t];
            var q = e * e * scale / h;
            var ratio = q / (1 + q);
            sumLogH += Math.Log(h);
            sumLogQ += Math.Log(1 + q);
            sumQRatio += ratio;
            if (weights)
            {
                varianceWeights[t] = 0.5 * ((nu + 1) * ratio - 1) / h;
                residualWeights[t] = -(nu + 1) * e * scale / (h * (1 + q));
            }
        }

        return (sumLogH, sumLogQ, sumQRatio);
    }

    /// <summary>Running Σ ln x over vectors of positive values within [10⁻³⁰, 10³⁰].</summary>
    private struct LogProduct
    {
        private const long MantissaMask = 0x000F_FFFF_FFFF_FFFF;
        private const long ExponentOne = 0x3FF0_0000_0000_0000;
        private Vector256<double> _product;
        private Vector256<long> _exponents;
        private Vector256<double> _smallest;
        private Vector256<double> _largest;
        private int _steps;

        public static LogProduct Start() => new()
        {
            _product = Vector256<double>.One,
            _smallest = Vector256.Create(double.PositiveInfinity),
            _largest = Vector256.Create(double.NegativeInfinity),
        };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector256<double> x)
        {
            _product *= x;
            _smallest = Vector256.Min(_smallest, x);
            _largest = Vector256.Max(_largest, x);
            if (++_steps == 8)
            {
                Normalise();
            }
        }

        /// <summary>Σ ln x, or NaN when a value was outside the range (the caller then sums logarithms).</summary>
        public double Sum()
        {
            Normalise();
            if (!(Min(_smallest) >= 1e-30) || !(Max(_largest) <= 1e30))
            {
                return double.NaN;
            }

            var logs = Vector256.Log(_product);
            return Vector256.Sum(logs) + Vector256.Sum(_exponents) * 0.69314718055994530942;
        }

        // Moves the binary exponent of each running product (normal, positive) into the integer sums.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Normalise()
        {
            _steps = 0;
            var bits = _product.AsInt64();
            _exponents += Vector256.ShiftRightLogical(bits, 52) - Vector256.Create(1023L);
            _product = ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(ExponentOne)).AsDouble();
        }

        private static double Min(Vector256<double> v) => Math.Min(Math.Min(v[0], v[1]), Math.Min(v[2], v[3]));

        private static double Max(Vector256<double> v) => Math.Max(Math.Max(v[0], v[1]), Math.Max(v[2], v[3]));
    }

    private static double SumLog(ReadOnlySpan<double> x, int count)
    {
        double sum = 0;
        for (var t = 0; t < count; t++)
        {
            sum += Math.Log(x[t]);
        }

        return sum;
    }

    /// <summary>Σ x_t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        ref var x0 = ref MemoryMarshal.GetReference(x);
        var acc = Vector256<double>.Zero;
        var t = 0;
        for (; t <= n - Width; t += Width)
        {
            acc += Vector256.LoadUnsafe(ref x0, (nuint)t);
        }

        var sum = Vector256.Sum(acc);
        for (; t < n; t++)
        {
            sum += x[t];
        }

        return sum;
    }

    /// <summary>Σ x_t·y_t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (y.Length < n)
        {
            throw new ArgumentException("y is shorter than x");
        }

        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var acc = Vector256<double>.Zero;
        var t = 0;
        for (; t <= n - Width; t += Width)
        {
            acc += Vector256.LoadUnsafe(ref x0, (nuint)t) * Vector256.LoadUnsafe(ref y0, (nuint)t);
        }

        var sum = Vector256.Sum(acc);
        for (; t < n; t++)
        {
            sum += x[t] * y[t];
        }

        return sum;
    }

    /// <summary>Σ w_t·x_t·y_t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = w.Length;
        if (x.Length < n || y.Length < n)
        {
            throw new ArgumentException("x or y is shorter than w");
        }

        ref var w0 = ref MemoryMarshal.GetReference(w);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var acc = Vector256<double>.Zero;
        var t = 0;
        for (; t <= n - Width; t += Width)
        {
            acc += Vector256.LoadUnsafe(ref w0, (nuint)t) * Vector256.LoadUnsafe(ref x0, (nuint)t) * Vector256.LoadUnsafe(ref y0, (nuint)t);
        }

        var sum = Vector256.Sum(acc);
        for (; t < n; t++)
        {
            sum += w[t] * x[t] * y[t];
        }

        return sum;
    }
}
