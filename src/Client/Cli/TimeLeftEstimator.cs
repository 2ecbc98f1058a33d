namespace RiskGrid.Client.Cli;

/// <summary>
/// Time left from the work still to do and the recent rate: the forecast days done in the last stretch of the run
/// (a third of the time elapsed, at least 15 s), so a slow start (loading, the first cold fits) or a cheap one (the
/// windows filling, which forecast nothing, and are not counted as done) does not skew the estimate, as the whole-run average did. No estimate before
/// 2 % is done or 3 s have passed.
/// </summary>
public sealed class TimeLeftEstimator
{
    private static readonly TimeSpan MinimumSpan = TimeSpan.FromSeconds(15);
    private readonly List<(TimeSpan At, long Done)> _samples = [];

    /// <summary>Records that <paramref name="done"/> units of work were complete at <paramref name="at"/>.</summary>
    public void Observe(TimeSpan at, long done)
    {
        if (_samples.Count > 0 && done < _samples[^1].Done)
        {
            return;
        }

        // Nothing done yet (start-up, the windows filling): only the latest such sample counts, so the rate starts
        // when the forecasting does.
        if (_samples.Count > 0 && _samples[^1].Done == 0 && done == 0)
        {
            _samples[^1] = (at, done);
            return;
        }

        _samples.Add((at, done));
        // Keep what the widest span can need: everything after elapsed/3 back, plus one sample before it.
        var horizon = at - Span(at);
        var drop = _samples.FindIndex(s => s.At >= horizon) - 1;
        if (drop > 0)
        {
            _samples.RemoveRange(0, drop);
        }
    }

    /// <summary>The time left to reach <paramref name="total"/>, or null while there is too little to go on.</summary>
    public TimeSpan? Estimate(long total)
    {
        if (_samples.Count < 2)
        {
            return null;
        }

        var (now, done) = _samples[^1];
        if (done >= total)
        {
            return TimeSpan.Zero;
        }

        if (total <= 0 || done < total * 0.02 || now < TimeSpan.FromSeconds(3))
        {
            return null;
        }

        var from = now - Span(now);
        var first = _samples.LastOrDefault(s => s.At <= from, _samples[0]);
        var seconds = (now - first.At).TotalSeconds;
        var units = done - first.Done;
        return units > 0 && seconds > 0 ? TimeSpan.FromSeconds((total - done) * seconds / units) : null;
    }

    private static TimeSpan Span(TimeSpan elapsed) => elapsed / 3 > MinimumSpan ? elapsed / 3 : MinimumSpan;
}
