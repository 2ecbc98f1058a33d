using RiskGrid.Core.Data;

namespace RiskGrid.Core.Tests.Data;

public sealed class WideCsvTests
{
    private const string Source = "universe.csv";

    private static IReadOnlyList<PriceSeries> Parse(string text) => WideCsv.Parse(new StringReader(text), Source);

    private static void AssertError(string text, int row, string problemPart)
    {
        var ex = Assert.Throws<DataValidationException>(() => Parse(text));
        Assert.Equal(Source, ex.Source);
        Assert.Equal(row, ex.Row);
        Assert.Contains(problemPart, ex.Problem);
    }

    [Fact]
    public void Reads_one_series_per_column()
    {
        var universe = Parse("""
            Date,AAA,BBB
            2020-01-02,10,100
            1/3/2020,11,99
            2020-01-06,12,98
            """);
        Assert.Equal(["AAA", "BBB"], universe.Select(s => s.Instrument));
        Assert.Equal([10.0, 11, 12], universe[0].Closes());
        Assert.Equal([100.0, 99, 98], universe[1].Closes());
        Assert.All(universe, s => Assert.Equal(Source, s.Source));
        Assert.Equal(new DateOnly(2020, 1, 3), universe[1].Bars[1].Date);
    }

    [Fact]
    public void The_date_column_may_be_anywhere()
    {
        var universe = Parse("X,date\n5,2020-01-02\n6,2020-01-03\n");
        Assert.Equal("X", Assert.Single(universe).Instrument);
        Assert.Equal([5.0, 6], universe[0].Closes());
    }

    [Theory]
    [InlineData("Date,A,a\n2020-01-02,1,2\n", 1, "duplicate instrument 'a' (columns 2 and 3)")]
    [InlineData("Date,A,\n2020-01-02,1,2\n", 1, "column 3 has no instrument name")]
    [InlineData("When,A\n2020-01-02,1\n", 1, "missing required column 'Date'")]
    [InlineData("Date,A,Date\n2020-01-02,1,2\n", 1, "column 'Date' appears more than once")]
    [InlineData("Date\n2020-01-02\n", 1, "no instrument columns")]
    [InlineData("Date,A,B\n", 0, "no data rows")]
    [InlineData("", 0, "file is empty")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,1\n", 3, "expected 3 fields as in the header, found 2")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,1,\n", 3, "B is empty")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,null,2\n", 3, "A is 'null'")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,1,NaN\n", 3, "B is NaN")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,1,x2\n", 3, "B: cannot parse number 'x2'")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,-1,2\n", 3, "A must be positive, got -1")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-03,1,0\n", 3, "B must be positive, got 0")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020/01/03,1,2\n", 3, "cannot parse date '2020/01/03'")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-02,1,2\n", 3, "duplicate date 2020-01-02")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n2020-01-01,1,2\n", 3, "dates not increasing")]
    [InlineData("Date,A,B\n2020-01-02,1,2\n\n2020-01-03,1,2\n", 3, "blank line inside the data")]
    public void Each_problem_is_reported_with_its_line(string text, int row, string problem)
    {
        AssertError(text, row, problem);
    }

    [Fact]
    public void Load_reads_a_file_and_a_missing_one_is_a_named_error()
    {
        using var dir = new TempFolder("riskgrid-wide-");
        var path = dir.File("prices.csv");
        File.WriteAllText(path, "Date,A,B\n2020-01-02,1,2\n2020-01-03,1.5,2.5\n\n");
        var universe = WideCsv.Load(path);
        Assert.Equal(2, universe.Count);
        Assert.Equal(path, universe[1].Source);
        Assert.Equal([2.0, 2.5], universe[1].Closes());

        File.Delete(path);

        var ex = Assert.Throws<DataValidationException>(() => WideCsv.Load(path));
        Assert.Equal($"{path}: file not found", ex.Message);
    }
}
