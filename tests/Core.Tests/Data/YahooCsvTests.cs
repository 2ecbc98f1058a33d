using RiskGrid.Core.Data;

namespace RiskGrid.Core.Tests.Data;

public sealed class YahooCsvTests
{
    private const string Header = "Date,Open,High,Low,Close,Adj Close,Volume";
    private const string Source = "prices.csv";

    private static PriceSeries Parse(string text, string? instrument = null) =>
        YahooCsv.Parse(new StringReader(text), Source, instrument);

    private static DataValidationException Fails(string text)
    {
        return Assert.Throws<DataValidationException>(() => Parse(text));
    }

    private static void AssertError(DataValidationException ex, int row, string problemPart)
    {
        Assert.Equal(Source, ex.Source);
        Assert.Equal(row, ex.Row);
        Assert.Contains(problemPart, ex.Problem);
        Assert.StartsWith(row > 0 ? $"{Source}, row {row}: " : $"{Source}: ", ex.Message);
    }

    [Fact]
    public void Reads_a_yahoo_file_with_us_dates()
    {
        var s = Parse($"""
            {Header}
            1/4/1999,10,12,9,11,11,100
            1/5/1999,11,13,10,12.5,12.5,200
            12/31/1999,12,12,11,11.5,11.5,300
            """);
        Assert.Equal("PRICES", s.Instrument);
        Assert.Equal(Source, s.Source);
        Assert.Equal(3, s.Count);
        Assert.Equal(new DateOnly(1999, 1, 4), s.Bars[0].Date);
        Assert.Equal(new DateOnly(1999, 12, 31), s.Bars[2].Date);
        Assert.Equal([11, 12.5, 11.5], s.Closes());
        Assert.Equal(new PriceBar(new DateOnly(1999, 1, 5), 11, 13, 10, 12.5), s.Bars[1]);
    }

    [Fact]
    public void Reads_iso_dates_and_leading_zero_us_dates()
    {
        var s = Parse("""
            Date,Close
            2020-02-28,10
            03/02/2020,11
            2020-03-03,12
            """);
        Assert.Equal([new DateOnly(2020, 2, 28), new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3)],
            s.Bars.Select(b => b.Date));
        Assert.False(s.Bars[0].HasRange);
    }

    [Fact]
    public void Prefers_adj_close_and_scales_open_high_low_by_the_adjustment()
    {
        // A 2:1 split adjustment: Adj Close is half of Close, so the whole bar is halved.
        var s = Parse($"""
            {Header}
            2021-06-01,40,44,38,42,21,1000
            """);
        var bar = s.Bars[0];
        Assert.Equal(21, bar.Close);
        Assert.Equal(20, bar.Open, 12);
        Assert.Equal(22, bar.High, 12);
        Assert.Equal(19, bar.Low, 12);
    }

    [Fact]
    public void Uses_close_when_there_is_no_adj_close_column()
    {
        var s = Parse("""
            Date,Open,High,Low,Close
            2021-06-01,40,44,38,42
            """);
        Assert.Equal(new PriceBar(new DateOnly(2021, 6, 1), 40, 44, 38, 42), s.Bars[0]);
    }

    [Fact]
    public void Finds_columns_by_name_in_any_order_and_case_and_ignores_others()
    {
        var s = Parse("""
            volume,ADJ_CLOSE,close,date,Dividends
            5,50,100,2022-01-03,x
            6,55,110,2022-01-04,y
            """);
        Assert.Equal([50, 55], s.Closes());
        Assert.Equal(new DateOnly(2022, 1, 4), s.Bars[1].Date);
    }

    [Fact]
    public void Instrument_defaults_to_the_upper_cased_file_name_or_is_given()
    {
        Assert.Equal("SP500", YahooCsv.InstrumentFromPath("/data/sp500.csv"));
        Assert.Equal("GSPC", Parse("Date,Close\n2020-01-02,1\n", "GSPC").Instrument);
    }

    [Fact]
    public void Trailing_blank_lines_and_crlf_are_accepted()
    {
        var s = Parse("Date,Close\r\n2020-01-02,1\r\n2020-01-03,2\r\n\r\n  \r\n");
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void A_blank_line_inside_the_data_is_an_error()
    {
        var ex = Fails("Date,Close\n2020-01-02,1\n\n2020-01-03,2\n");
        AssertError(ex, 3, "blank line inside the data");
    }

    [Fact]
    public void Empty_text_is_an_error()
    {
        AssertError(Fails(""), 0, "file is empty");
    }

    [Fact]
    public void Header_without_rows_is_an_error()
    {
        AssertError(Fails(Header + "\n"), 0, "no data rows");
    }

    [Theory]
    [InlineData("Open,High,Low,Close,Adj Close,Volume", "missing required column 'Date'")]
    [InlineData("Date,Open,High,Low,Volume", "missing required column 'Adj Close' or 'Close'")]
    [InlineData("Date,Close,close", "appears more than once")]
    [InlineData("Date,Open,Adj Close", "no Close column")]
    public void Header_problems_name_line_one(string header, string problem)
    {
        AssertError(Fails(header + "\n2020-01-02,1,2,3,4,5\n"), 1, problem);
    }

    [Theory]
    [InlineData("1/5/1999,11,13,10,12.5,12.5", "expected 7 fields as in the header, found 6")]
    [InlineData("1/5/1999,11,13,10,12.5,12.5,200,9", "expected 7 fields as in the header, found 8")]
    [InlineData("1999-13-05,11,13,10,12.5,12.5,200", "cannot parse date '1999-13-05'")]
    [InlineData("5.1.1999,11,13,10,12.5,12.5,200", "cannot parse date '5.1.1999'")]
    [InlineData(",11,13,10,12.5,12.5,200", "Date is empty")]
    [InlineData("1/5/1999,11,13,10,12.5,abc,200", "Adj Close: cannot parse number 'abc'")]
    [InlineData("1/5/1999,11,13,10,12;5,12.5,200", "Close: cannot parse number '12;5'")]
    [InlineData("1/5/1999,11,13,10,12.5,NaN,200", "Adj Close is NaN")]
    [InlineData("1/5/1999,11,13,10,,12.5,200", "Close is empty")]
    [InlineData("1/5/1999,null,null,null,null,null,null", "Close is 'null' (Yahoo's marker for a missing price)")]
    [InlineData("1/5/1999,11,13,10,12.5,null,200", "Adj Close is 'null'")]
    [InlineData("1/5/1999,11,13,10,12.5,0,200", "Adj Close must be positive, got 0")]
    [InlineData("1/5/1999,11,13,10,-12.5,12.5,200", "Close must be positive, got -12.5")]
    [InlineData("1/5/1999,-1,13,10,12.5,12.5,200", "Open must be positive, got -1")]
    [InlineData("1/5/1999,11,0,10,12.5,12.5,200", "High must be positive, got 0")]
    [InlineData("1/5/1999,11,13,-10,12.5,12.5,200", "Low must be positive, got -10")]
    [InlineData("1/5/1999,11,13,10,12.5,Infinity,200", "Adj Close is infinite")]
    [InlineData("1/4/1999,11,13,10,12.5,12.5,200", "duplicate date 1999-01-04")]
    [InlineData("1/3/1999,11,13,10,12.5,12.5,200", "dates not increasing: 1999-01-03 follows 1999-01-04")]
    public void A_bad_row_is_an_error_naming_its_line_and_problem(string badRow, string problem)
    {
        var text = $"""
            {Header}
            1/4/1999,10,12,9,11,11,100
            {badRow}
            1/6/1999,11,13,10,12.5,12.5,200
            """;
        AssertError(Fails(text), 3, problem);
    }

    [Fact]
    public void Volume_is_ignored_even_when_not_a_number()
    {
        var s = Parse($"{Header}\n1/4/1999,10,12,9,11,11,null\n");
        Assert.Equal(11, s.Bars[0].Close);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        using var dir = new TempFolder("riskgrid-yahoo-");
        var good = dir.File("spy.csv");
        File.WriteAllText(good, $"{Header}\n2020-01-02,1,1,1,1,1,0\n2020-01-03,2,2,2,2,2,0\n");
        var s = YahooCsv.Load(good);
        Assert.Equal("SPY", s.Instrument);
        Assert.Equal(good, s.Source);
        Assert.Equal([1.0, 2.0], s.Closes());

        var bad = dir.File("bad.csv");
        File.WriteAllText(bad, $"{Header}\n2020-01-02,1,1,1,1,1,0\n2020-01-02,2,2,2,2,2,0\n");
        var ex = Assert.Throws<DataValidationException>(() => YahooCsv.Load(bad));
        Assert.Equal($"{bad}, row 3: duplicate date 2020-01-02", ex.Message);

        var empty = dir.File("empty.csv");
        File.WriteAllText(empty, "");
        Assert.Equal($"{empty}: file is empty (no header line)",
            Assert.Throws<DataValidationException>(() => YahooCsv.Load(empty)).Message);
    }

    [Fact]
    public void A_missing_file_is_a_data_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"riskgrid-missing-{Guid.NewGuid():N}.csv");
        var ex = Assert.Throws<DataValidationException>(() => YahooCsv.Load(path));
        Assert.Equal(path, ex.Source);
        Assert.Equal(0, ex.Row);
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_date_column()
    {
        var s = Parse("\uFEFFDate,Close\n2020-01-02,5\n");
        Assert.Equal(5, s.Bars[0].Close);
    }
}
