namespace RiskGrid.Core.Data;

/// <summary>The checks every path that accepts prices applies (loaders, rolling pairs, grains).</summary>
public static class PriceValidation
{
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
