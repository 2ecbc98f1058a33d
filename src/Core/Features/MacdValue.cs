namespace RiskGrid.Core.Features;

/// <summary>MACD line (fast EMA − slow EMA) and its signal line (EMA of the MACD line), in price units.</summary>
public readonly record struct MacdValue(double Line, double Signal);
