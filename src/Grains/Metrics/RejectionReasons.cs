namespace RiskGrid.Grains.Metrics;

/// <summary>The <c>reason</c> label of <c>riskgrid_rows_rejected_total</c>: a few fixed values, from the problem a rejection names.</summary>
public static class RejectionReasons
{
    public const string Missing = "missing_price";
    public const string Infinite = "infinite_price";
    public const string NotPositive = "non_positive_price";
    public const string DuplicateDate = "duplicate_date";
    public const string DateOrder = "date_not_increasing";
    public const string Conflict = "conflicting_price";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Missing, Infinite, NotPositive, DuplicateDate, DateOrder, Conflict, Other];

    /// <summary>Classifies the problem text of <c>PriceValidation</c> and the pair grain's own checks.</summary>
    public static string Of(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Contains("NaN or empty", StringComparison.Ordinal) ? Missing
            : problem.Contains("infinite", StringComparison.Ordinal) ? Infinite
            : problem.Contains("must be positive", StringComparison.Ordinal) ? NotPositive
            : problem.Contains("duplicate date", StringComparison.Ordinal) ? DuplicateDate
            : problem.Contains("not increasing", StringComparison.Ordinal) ? DateOrder
            : problem.Contains("conflicting price", StringComparison.Ordinal) ? Conflict
            : Other;
    }
}
