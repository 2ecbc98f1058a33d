using MathNet.Numerics.Random;

namespace RiskGrid.Core.Data;

/// <summary>
/// Standard normal variates by Marsaglia's polar method over a seeded xoshiro256** stream, using
/// only <see cref="PortableMath.Log"/> and √, so that the sequence is bit-identical on every
/// machine. Not thread-safe: one instance per generator, drawn in a fixed order.
/// </summary>
internal sealed class PortableGaussian
{
    private readonly Xoshiro256StarStar _uniform;
    private double _spare;
    private bool _hasSpare;

    public PortableGaussian(int seed)
    {
        _uniform = new Xoshiro256StarStar(seed, threadSafe: false);
    }

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = 2 * _uniform.NextDouble() - 1;
            v = 2 * _uniform.NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * PortableMath.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
