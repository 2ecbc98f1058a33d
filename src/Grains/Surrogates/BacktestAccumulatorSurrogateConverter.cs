using RiskGrid.Core.Backtesting;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class BacktestAccumulatorSurrogateConverter : IConverter<BacktestAccumulator, BacktestAccumulatorSurrogate>
{
    public BacktestAccumulator ConvertFromSurrogate(in BacktestAccumulatorSurrogate surrogate)
    {
        var recent = new bool[surrogate.RecentDays];
        var packed = surrogate.Recent ?? [];
        for (var i = 0; i < recent.Length && i / 8 < packed.Length; i++)
        {
            recent[i] = (packed[i / 8] & (1 << (i % 8))) != 0;
        }

        return new BacktestAccumulator(surrogate.Alpha)
        {
            Observations = surrogate.Observations,
            MissingForecasts = surrogate.MissingForecasts,
            Exceptions = surrogate.Exceptions,
            SumVaR = surrogate.SumVaR,
            SumES = surrogate.SumES,
            SumQuantileLoss = surrogate.SumQuantileLoss,
            Recent = recent,
            RecentNext = surrogate.RecentNext,
            RecentExceptions = surrogate.RecentExceptions,
            N00 = surrogate.N00,
            N01 = surrogate.N01,
            N10 = surrogate.N10,
            N11 = surrogate.N11,
            CurrentSpell = surrogate.CurrentSpell,
            CompletedSpells = surrogate.CompletedSpells,
            LongestSpell = surrogate.LongestSpell,
            LastHit = surrogate.LastHit,
        };
    }

    public BacktestAccumulatorSurrogate ConvertToSurrogate(in BacktestAccumulator value)
    {
        var packed = new byte[(value.Recent.Length + 7) / 8];
        for (var i = 0; i < value.Recent.Length; i++)
        {
            if (value.Recent[i])
            {
                packed[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return new BacktestAccumulatorSurrogate
        {
            Alpha = value.Alpha,
            Observations = value.Observations,
            MissingForecasts = value.MissingForecasts,
            Exceptions = value.Exceptions,
            SumVaR = value.SumVaR,
            SumES = value.SumES,
            SumQuantileLoss = value.SumQuantileLoss,
            RecentDays = value.Recent.Length,
            Recent = packed,
            RecentNext = value.RecentNext,
            RecentExceptions = value.RecentExceptions,
            N00 = value.N00,
            N01 = value.N01,
            N10 = value.N10,
            N11 = value.N11,
            CurrentSpell = value.CurrentSpell,
            CompletedSpells = value.CompletedSpells,
            LongestSpell = value.LongestSpell,
            LastHit = value.LastHit,
        };
    }
}
