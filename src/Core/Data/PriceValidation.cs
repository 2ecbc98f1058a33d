namespace RiskGrid.Core.Data;

/// <summary>The checks every path that accepts prices applies (loaders, rolling pairs, grains).</summary>
public static class PriceValidation
{
    /// <summary>Largest price accepted: beyond it returns overflow to infinities in the models.</summary>
    public const double MaxPrice = 1e15;

    public static void CheckPrice(string source, int row, string column, double price)
    {
        if (double.IsNaN(price))
        {
            throw new DataValidationException(source, row, $"{column} is NaN or empty");
        }

        if (double.IsInfinity(price))
        {
            throw new DataValidationException(source, row, $"{column} is infinite");
        }

        if (price > MaxPrice)
        {
            throw new DataValidationException(source, row,
                $"{column} = {price.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} is implausibly large (the limit is 1e15)");
        }

        if (price <= 0)
        {
            throw new DataValidationException(source, row,
                $"{column} must be positive, got {price.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    public static void CheckOrder(string source, int row, DateOnly previous, DateOnly current)
    {
        if (current == previous)
        {
            throw new DataValidationException(source, row, $"duplicate date {current:yyyy-MM-dd}");
        }

        if (current < previous)
        {
            throw new DataValidationException(source, row,
                $"dates not increasing: {current:yyyy-MM-dd} follows {previous:yyyy-MM-dd}");
        }
    }
}
