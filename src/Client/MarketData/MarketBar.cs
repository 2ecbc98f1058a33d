namespace RiskGrid.Client.MarketData;

/// <summary>One day as a source gives it, before it becomes Yahoo-format CSV. <see cref="Close"/> is the quoted close
/// (split-adjusted where the source does that), <see cref="AdjClose"/> also adjusted for dividends (the close itself where
/// the source has no such figure); NaN where the source has no open/high/low; volume null where it has none.</summary>
public readonly record struct MarketBar(DateOnly Date, double Open, double High, double Low, double Close, double AdjClose, double? Volume);
