using RiskGrid.Core.Data;

namespace RiskGrid.Grains;

/// <summary>Orders bars by date (to binary-search a pair's window, whose dates strictly increase).</summary>
internal sealed class BarDateComparer : IComparer<PriceBar>
{
    public static BarDateComparer Instance { get; } = new();

    public int Compare(PriceBar x, PriceBar y) => x.Date.CompareTo(y.Date);
}
