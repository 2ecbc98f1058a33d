namespace RiskGrid.Core.Features;

/// <summary>
/// The last <see cref="Capacity"/> values in a ring buffer. Statistics are recomputed over the buffer
/// (periods here are ≤ 30), so there is no running-sum drift and a stream equals a fresh batch exactly.
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new double[capacity];
    }

    public int Capacity => _values.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        Count = Math.Min(Count + 1, _values.Length);
    }

    /// <summary>Mean of the values held, oldest to newest.</summary>
    public double Mean()
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += At(i);
        }

        return sum / Count;
    }

    /// <summary>Mean of the squared values (a zero-mean variance).</summary>
    public double MeanOfSquares()
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            var x = At(i);
            sum += x * x;
        }

        return sum / Count;
    }

    /// <summary>Population standard deviation (divisor n), the Bollinger convention.</summary>
    public double PopulationStandardDeviation(double mean)
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            var d = At(i) - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / Count);
    }

    // i-th value from the oldest held, so sums run in time order whatever the ring position.
    private double At(int i) => _values[(_next - Count + i + _values.Length) % _values.Length];
}
