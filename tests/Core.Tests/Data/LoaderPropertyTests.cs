using System.Text;
using FsCheck.Xunit;
using RiskGrid.Core.Data;

namespace RiskGrid.Core.Tests.Data;

/// <summary>Bad input of any kind: the loaders either load or throw <see cref="DataValidationException"/>, nothing else.</summary>
public sealed class LoaderPropertyTests : IDisposable
{
    private const string Good =
        "Date,Open,High,Low,Close,Adj Close,Volume\n" +
        "1/4/1999,1229.23,1248.81,1219.10,1228.10,1228.10,877000000\n" +
        "1/5/1999,1228.10,1246.11,1228.10,1244.78,1244.78,775000000\n" +
        "1/6/1999,1244.78,1272.50,1244.78,1272.34,1272.34,986900000\n" +
        "1/7/1999,1272.34,1272.34,1257.68,1269.73,1269.73,863000000\n";

    private const string GoodWide = "Date,SP,NQ\n2020-01-02,3257.85,9092.19\n2020-01-03,3234.85,9020.77\n2020-01-06,3246.28,9071.47\n";

    private readonly TempFolder _dir = new("riskgrid-loaders-");

    public void Dispose() => _dir.Dispose();

    // Every loader entry point on the same text: the two parsers and the file loader (layout detection included).
    private void LoadsOrRefuses(string text, byte[]? bytes = null)
    {
        foreach (var load in new Action[]
                 {
                     () => YahooCsv.Parse(new StringReader(text), "mutated.csv"),
                     () => WideCsv.Parse(new StringReader(text), "mutated.csv"),
                     () =>
                     {
                         var path = _dir.File($"f{Guid.NewGuid():N}.csv");
                         File.WriteAllBytes(path, bytes ?? Encoding.UTF8.GetBytes(text));
                         PriceFile.Load(path);
                     },
                 })
        {
            try
            {
                load();
            }
            catch (DataValidationException ex)
            {
                Assert.DoesNotContain("\u001b", ex.Message);
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_load_or_are_refused_with_a_DataValidationException(byte[] bytes)
    {
        LoadsOrRefuses(Encoding.UTF8.GetString(bytes), bytes);
    }

    [Property(MaxTest = 500)]
    public void Random_mutations_of_a_good_file_load_or_are_refused_with_a_DataValidationException(int seed, byte edits, bool wide)
    {
        var rng = new Random(seed);
        var text = new StringBuilder(wide ? GoodWide : Good);
        const string alphabet = ",\n\r\"-.0123456789eE+ aZ/\u001b\u0000:nulNaN∞";
        for (var k = 0; k < 1 + edits % 12; k++)
        {
            var at = rng.Next(text.Length + 1);
            switch (rng.Next(4))
            {
                case 0 when at < text.Length:
                    text.Remove(at, 1 + rng.Next(Math.Min(5, text.Length - at)));
                    break;
                case 1:
                    text.Insert(at, alphabet[rng.Next(alphabet.Length)]);
                    break;
                case 2 when at < text.Length:
                    text[at] = alphabet[rng.Next(alphabet.Length)];
                    break;
                default:
                    // A chunk of the file copied elsewhere: duplicated rows, fields and headers.
                    var from = rng.Next(text.Length);
                    text.Insert(at, text.ToString(from, Math.Min(rng.Next(40), text.Length - from)));
                    break;
            }
        }

        LoadsOrRefuses(text.ToString());
    }

    [Fact]
    public void A_file_without_line_breaks_is_refused_without_being_read_whole()
    {
        var path = _dir.File("long.csv");
        File.WriteAllText(path, "Date,Close\n" + new string('1', CsvFields.MaxLineLength + 10));
        var ex = Assert.Throws<DataValidationException>(() => PriceFile.Load(path));
        Assert.Equal((2, $"line is longer than {CsvFields.MaxLineLength:N0} characters: not a price file"), (ex.Row, ex.Problem));

        File.WriteAllBytes(path, new byte[4096]);
        Assert.Contains("NUL byte", Assert.Throws<DataValidationException>(() => PriceFile.Load(path)).Message);
        if (File.Exists("/dev/zero"))
        {
            Assert.Contains("NUL byte", Assert.Throws<DataValidationException>(() => PriceFile.Load("/dev/zero")).Message);
        }
    }

    [Fact]
    public void A_folder_a_missing_header_and_terminal_escapes_are_named_as_such()
    {
        Assert.EndsWith("is a directory, not a file", Assert.Throws<DataValidationException>(() => PriceFile.Load(_dir.Path)).Message);

        var path = _dir.File("noheader.csv");
        File.WriteAllText(path, "1/4/1999,1228.099976\n1/5/1999,1244.780029\n");
        var ex = Assert.Throws<DataValidationException>(() => PriceFile.Load(path));
        Assert.Equal(1, ex.Row);
        Assert.StartsWith("the first line is data ('1/4/1999'), not a header", ex.Problem);

        File.WriteAllText(path, "Date,\u001b[2J\u001b[31mEVIL,EVIL\n2020-01-02,1,2\n");
        ex = Assert.Throws<DataValidationException>(() => PriceFile.Load(path));
        Assert.DoesNotContain("\u001b", ex.Message);
        Assert.Contains("\\u001b", ex.Message);
    }

    [Fact]
    public void The_data_quality_check_flags_a_wild_move_and_an_impossible_date()
    {
        var bars = new[] { 100.0, 101, 101e6, 102, 103 }
            .Select((c, i) => PriceBar.FromClose(new DateOnly(2020, 1, 1).AddDays(i), c)).ToList();
        var series = PriceSeries.Create("X", "x.csv", bars);
        var issues = DataQuality.Check(series);
        Assert.Equal([new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 4)], issues.Select(i => i.Date));
        Assert.StartsWith("one-day move of +99,999,900%", issues[0].Problem);
        Assert.Empty(DataQuality.Check(series, maxMove: 0));
        Assert.Empty(DataQuality.Check(PriceSeries.Create("X", "x.csv", bars.Take(2).ToList())));

        var future = PriceSeries.Create("X", "x.csv", [PriceBar.FromClose(new DateOnly(2030, 1, 1), 1), PriceBar.FromClose(new DateOnly(2030, 1, 2), 1)]);
        Assert.All(DataQuality.Check(future, today: new DateOnly(2026, 12, 1)), i => Assert.StartsWith("impossible date", i.Problem));
        Assert.Contains("implausibly large", Assert.Throws<DataValidationException>(() =>
            PriceSeries.Create("X", "x.csv", [PriceBar.FromClose(new DateOnly(2020, 1, 1), 1e308)])).Message);
    }
}
