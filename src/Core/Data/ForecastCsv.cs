using System.Globalization;
using System.Text.RegularExpressions;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Data;

/// <summary>
/// Reads VaR/ES forecasts made elsewhere, for <c>riskgrid backtest</c>. Two layouts, told apart by the header:
/// <list type="bullet">
/// <item><b>levels</b>: a row per day (per model), a column per level: <c>date,return,var_99,es_99,var_97.5,es_97.5</c>.
/// A level column is <c>var</c> or <c>es</c>, an optional <c>_</c>, <c>-</c> or space, and the level: with a decimal
/// point a percentage (<c>97.5</c>) or a fraction (<c>0.975</c>); without one, the digits after "0." (<c>99</c> = 99%,
/// <c>975</c> = 97.5%, <c>995</c> = 99.5%). Levels are above 50%.</item>
/// <item><b>long</b>: a row per day and level with <c>alpha</c>, <c>var</c> and <c>es</c> columns: what
/// <c>riskgrid benchmark</c> writes as forecasts.csv (<c>instrument,model,origin_date,target_date,alpha,var,es,…</c>).</item>
/// </list>
/// Columns are found by name, ignoring case, spaces and underscores: the date (<c>date</c> or <c>target_date</c>: the day
/// the return is realised), the realised value (<c>return</c>, <c>realized</c>/<c>realised</c> or <c>pnl</c>: loss =
/// −value, in the units of VaR), and optionally <c>model</c>, <c>instrument</c>, <c>pit</c> (P(R ≤ r) under the forecast),
/// <c>volatility</c>, <c>origin_date</c>, <c>mean</c>, <c>fit_status</c>, <c>refitted</c>; <c>exception</c> is recomputed;
/// any other column is listed in <see cref="ForecastFile.IgnoredColumns"/>. VaR and ES are positive loss numbers, as
/// everywhere in RiskGrid (a loss beyond VaR is an exception); <c>returnQuantiles</c> reads them as return
/// quantiles instead (negated).
/// Strict like the price loaders: a bad or missing value, a wrong field count, duplicate or unsorted dates of one
/// instrument × model are each a <see cref="DataValidationException"/> naming the file, line and column. The one empty
/// cell allowed is a day without any forecast: every VaR and ES cell of the row empty (so benchmark writes a day before
/// the first fit); it is counted as a missing forecast, never dropped. In the long layout an empty ES beside a VaR is NaN
/// (as benchmark writes it), and a row with an empty date and realised value beside an <c>origin_date</c> is the last,
/// not yet realised forecast.
/// </summary>
public static partial class ForecastCsv
{
    private const string What = "a forecast file";

    /// <summary>The header expected, in errors.</summary>
    public const string ExpectedHeader = "date,return,var_99,...";

    /// <summary>Loads <paramref name="path"/>; see the class summary for the layouts and rules.</summary>
    /// <param name="model">The model of a file without a <c>model</c> column.</param>
    /// <param name="instrument">The instrument of a file without an <c>instrument</c> column.</param>
    /// <param name="returnQuantiles">VaR/ES columns are return quantiles (negative for a loss): negate them.</param>
    public static ForecastFile Load(string path, string model, string instrument, bool returnQuantiles = false)
    {
        using var reader = CsvFields.Open(path, What);
        return Parse(reader, path, model, instrument, returnQuantiles);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors.</summary>
    public static ForecastFile Parse(TextReader reader, string source, string model, string instrument, bool returnQuantiles = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = CsvFields.ReadHeader(reader, source, ExpectedHeader, What);
        var columns = Columns.Find(header, source);
        var sign = returnQuantiles ? -1.0 : 1.0;
        var pairs = new Dictionary<(string Instrument, string Model), Pair>();
        var order = new List<Pair>();
        var longLevels = new List<double>();
        var rows = 0;
        foreach (var (line, text) in CsvFields.DataLines(reader, source, What))
        {
            var fields = CsvFields.Split(text);
            CsvFields.CheckFieldCount(source, line, fields, header.Length);
            rows++;
            var row = new Row(source, line, fields, header);
            var key = (row.Name(columns.Instrument, instrument), row.Name(columns.Model, model));
            if (!pairs.TryGetValue(key, out var pair))
            {
                var label = (columns.Instrument >= 0, columns.Model >= 0) switch
                {
                    (true, true) => $"{key.Item1} {key.Item2}",
                    (true, false) => key.Item1,
                    (false, true) => $"model {key.Item2}",
                    _ => null,
                };
                pair = new Pair(source, key.Item1, key.Item2, line, label);
                pairs.Add(key, pair);
                order.Add(pair);
            }

            var day = ReadDay(row, columns);
            if (columns.IsLong)
            {
                var alpha = row.Level(columns.Alpha);
                if (!longLevels.Contains(alpha))
                {
                    longLevels.Add(alpha);
                }

                var var = row.Number(columns.Var, allowEmpty: true);
                var es = row.Number(columns.Es, allowEmpty: true);
                if (double.IsNaN(var) && !double.IsNaN(es))
                {
                    throw row.Error($"{header[columns.Var]} is empty but {header[columns.Es]} is given");
                }

                pair.AddLevel(row, day, alpha, sign * var, sign * es);
            }
            else
            {
                pair.Add(row, day, ReadLevels(row, columns, sign));
            }
        }

        if (rows == 0)
        {
            throw new DataValidationException(source, 0, "no data rows after the header");
        }

        var alphas = columns.IsLong ? [.. longLevels.Order()] : columns.Levels.Select(l => l.Alpha).ToArray();
        var series = order.Select(p => p.Finish(alphas)).ToList();
        var missing = series.Sum(s => s.Forecasts.Count(f => f.IsRealized && f.VaR.Any(double.IsNaN)));
        return new ForecastFile(source, alphas,
            columns.IsLong ? [.. alphas.Select(_ => columns.Es >= 0)] : [.. columns.Levels.Select(l => l.Es >= 0)],
            columns.Pit >= 0, columns.Volatility >= 0, series,
            columns.IsLong ? [.. alphas.Select(a => $"var (alpha {a.ToString("R", CultureInfo.InvariantCulture)})")] : [.. columns.Levels.Select(l => header[l.Var])],
            columns.Ignored, missing, columns.IsLong ? "long" : "levels");
    }

    /// <summary>The level a <c>var_…</c>/<c>es_…</c> header names, or null when it is not a level column; throws for a
    /// level column whose level is out of range.</summary>
    public static (bool IsVaR, double Alpha)? LevelOf(string header, string source = "header")
    {
        ArgumentNullException.ThrowIfNull(header);
        var m = LevelHeader().Match(header.Trim());
        if (!m.Success)
        {
            return null;
        }

        var digits = m.Groups["level"].Value;
        var value = decimal.Parse(digits, CultureInfo.InvariantCulture);
        var alpha = digits.Contains('.', StringComparison.Ordinal)
            ? (double)(value < 1 ? value : value / 100)
            : (double)decimal.Parse("0." + digits, CultureInfo.InvariantCulture);
        if (!(alpha > 0.5 && alpha < 1))
        {
            throw new DataValidationException(source, 1,
                $"{header}: level {(100 * alpha).ToString("0.###", CultureInfo.InvariantCulture)}% is not above 50% (var_99 = 99%)");
        }

        return (m.Groups["kind"].Value.Equals("var", StringComparison.OrdinalIgnoreCase), alpha);
    }

    [GeneratedRegex(@"^(?<kind>var|es)[ _\-]?(?<level>[0-9]+(?:\.[0-9]+)?)\s*%?$", RegexOptions.IgnoreCase)]
    private static partial Regex LevelHeader();

    private static Day ReadDay(Row row, Columns columns)
    {
        var dateText = row.Text(columns.Date);
        var realisedText = row.Text(columns.Realised);
        var pending = columns.Origin >= 0 && dateText.Length == 0 && realisedText.Length == 0;
        DateOnly? target = pending ? null : row.Date(columns.Date);
        var origin = columns.Origin >= 0 ? row.Date(columns.Origin) : target!.Value;
        if (target is { } t && t < origin)
        {
            throw row.Error($"{row.Header(columns.Date)} {t:yyyy-MM-dd} is before {row.Header(columns.Origin)} {origin:yyyy-MM-dd}");
        }

        var status = FitStatus.Converged;
        if (columns.FitStatus >= 0 && row.Text(columns.FitStatus) is { Length: > 0 } statusText &&
            !Enum.TryParse(statusText, ignoreCase: true, out status))
        {
            throw row.Error($"{row.Header(columns.FitStatus)}: '{statusText}' is not one of {string.Join(", ", Enum.GetNames<FitStatus>())}");
        }

        var pit = row.Number(columns.Pit, allowEmpty: true);
        if (pit is < 0 or > 1)
        {
            throw row.Error($"{row.Header(columns.Pit)} must be in [0, 1], found {row.Text(columns.Pit)}");
        }

        var volatility = row.Number(columns.Volatility, allowEmpty: true);
        if (volatility < 0)
        {
            throw row.Error($"{row.Header(columns.Volatility)} must not be negative, found {row.Text(columns.Volatility)}");
        }

        return new Day(row.Line, origin, target, pending ? double.NaN : row.Number(columns.Realised, allowEmpty: false), pit, volatility,
            row.Number(columns.Mean, allowEmpty: true), status, columns.Refitted >= 0 && row.Text(columns.Refitted) is "1" or "true" or "True");
    }

    private static (double[] VaR, double[] ES) ReadLevels(Row row, Columns columns, double sign)
    {
        var levels = columns.Levels;
        var var = new double[levels.Count];
        var es = new double[levels.Count];
        var allEmpty = levels.All(l => row.Text(l.Var).Length == 0 && (l.Es < 0 || row.Text(l.Es).Length == 0));
        for (var k = 0; k < levels.Count; k++)
        {
            if (allEmpty)
            {
                var[k] = es[k] = double.NaN;
                continue;
            }

            var[k] = sign * Required(row, levels[k].Var);
            es[k] = levels[k].Es >= 0 ? sign * Required(row, levels[k].Es) : double.NaN;
        }

        return (var, es);

        static double Required(Row row, int column) =>
            row.Text(column).Length == 0
                ? throw row.Error($"{row.Header(column)} is empty (allowed only when all VaR/ES cells are)")
                : row.Number(column, allowEmpty: false);
    }

    /// <summary>One data line: its fields and how to read them, every problem naming file, line and column.</summary>
    private sealed class Row(string source, int line, string[] fields, string[] header)
    {
        public int Line => line;

        public string Text(int column) => column >= 0 ? fields[column] : string.Empty;

        public string Header(int column) => header[column];

        public DataValidationException Error(string problem) => new(source, line, problem);

        public string Name(int column, string fallback)
        {
            if (column < 0)
            {
                return fallback;
            }

            var name = fields[column];
            if (name.Length == 0)
            {
                throw Error($"{header[column]} is empty");
            }

            return name.Any(char.IsControl) ? throw Error($"{header[column]} '{name}' contains control characters") : name;
        }

        public DateOnly Date(int column)
        {
            var text = fields[column];
            if (text.Length == 0)
            {
                throw Error($"{header[column]} is empty");
            }

            return DateOnly.TryParseExact(text, ["yyyy-MM-dd", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error($"{header[column]}: '{text}' is not a yyyy-MM-dd or M/D/YYYY date");
        }

        /// <summary>A finite number; an empty cell is NaN when <paramref name="allowEmpty"/> (or the column is absent), else an error.</summary>
        public double Number(int column, bool allowEmpty)
        {
            if (column < 0)
            {
                return double.NaN;
            }

            var text = fields[column];
            if (text.Length == 0)
            {
                return allowEmpty ? double.NaN : throw Error($"{header[column]} is empty");
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw Error($"{header[column]}: cannot parse number '{text}'");
            }

            return double.IsNaN(value) ? throw Error($"{header[column]} is NaN ('{text}')")
                : double.IsInfinity(value) ? throw Error($"{header[column]} is infinite ('{text}')")
                : value;
        }

        public double Level(int column)
        {
            var a = Number(column, allowEmpty: false);
            return a is > 0 and < 1 ? a : throw Error($"{header[column]} must be a confidence level in (0, 1), e.g. 0.99; found {fields[column]}");
        }
    }

    private sealed record Day(int Line, DateOnly Origin, DateOnly? Target, double Realised, double Pit, double Volatility, double Mean,
        FitStatus Status, bool Refitted)
    {
        /// <summary>The date a series is ordered by: the origin (the forecast's own date).</summary>
        public DateOnly Key => Origin;

        public ForecastRecord Record(double[] var, double[] es) =>
            new(Origin, var, es, Mean, Volatility, Status, Refitted) { TargetDate = Target, Realized = Realised, Pit = Pit };
    }

    /// <summary>One instrument × model's rows while the file is read.</summary>
    private sealed class Pair(string source, string instrument, string model, int firstRow, string? label)
    {
        private readonly List<ForecastRecord> _records = [];
        private readonly List<(Day Day, Dictionary<double, (double VaR, double ES, int Line)> Levels)> _long = [];
        private Day? _last;

        public void Add(Row row, Day day, (double[] VaR, double[] ES) levels)
        {
            CheckOrder(row, day);
            _records.Add(day.Record(levels.VaR, levels.ES));
            _last = day;
        }

        public void AddLevel(Row row, Day day, double alpha, double var, double es)
        {
            if (_last is { } last && last.Key == day.Key)
            {
                var current = _long[^1];
                if (current.Levels.TryGetValue(alpha, out var first))
                {
                    throw row.Error($"a second row at alpha {Alpha(alpha)} for the forecast{For} of {day.Key:yyyy-MM-dd} (the first is on row {first.Line})");
                }

                if (current.Day.Target != day.Target || !current.Day.Realised.Equals(day.Realised))
                {
                    throw row.Error($"the date or realised value differs from row {current.Day.Line} (the same forecast at another level)");
                }

                current.Levels.Add(alpha, (var, es, row.Line));
                return;
            }

            CheckOrder(row, day);
            _long.Add((day, new Dictionary<double, (double, double, int)> { [alpha] = (var, es, row.Line) }));
            _last = day;
        }

        public ForecastSeries Finish(double[] alphas)
        {
            foreach (var (day, levels) in _long)
            {
                var var = new double[alphas.Length];
                var es = new double[alphas.Length];
                for (var k = 0; k < alphas.Length; k++)
                {
                    if (!levels.TryGetValue(alphas[k], out var v))
                    {
                        throw new DataValidationException(source, day.Line,
                            $"the forecast{For} of {day.Key:yyyy-MM-dd} has no row at alpha {Alpha(alphas[k])} " +
                            $"(the file's levels: {string.Join(", ", alphas.Select(Alpha))})");
                    }

                    (var[k], es[k]) = (v.VaR, v.ES);
                }

                _records.Add(day.Record(var, es));
            }

            return new ForecastSeries(source, instrument, model, _records, firstRow);
        }

        private void CheckOrder(Row row, Day day)
        {
            if (_last is not { } last)
            {
                return;
            }

            if (day.Key == last.Key)
            {
                throw row.Error($"duplicate date {day.Key:yyyy-MM-dd}{For} (also on row {last.Line})");
            }

            if (day.Key < last.Key)
            {
                throw row.Error($"dates not increasing{For}: {day.Key:yyyy-MM-dd} follows {last.Key:yyyy-MM-dd}");
            }

            if (last.Target is null)
            {
                throw row.Error($"a forecast follows the unrealised one{For} on row {last.Line}: only the last may lack a date");
            }
        }

        // " for SP500 garch-t" where the file names the instrument or model; nothing for a file of one series.
        private string For => label is null ? string.Empty : $" for {label}";

        private static string Alpha(double a) => a.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A level's VaR and ES columns (ES −1 when the file has none for it).</summary>
    private sealed record Level(double Alpha, int Var, int Es);

    /// <summary>Column positions in the header (−1 where absent).</summary>
    private sealed class Columns
    {
        public int Date { get; private set; } = -1;
        public int Origin { get; private set; } = -1;
        public int Realised { get; private set; } = -1;
        public int Model { get; private set; } = -1;
        public int Instrument { get; private set; } = -1;
        public int Pit { get; private set; } = -1;
        public int Volatility { get; private set; } = -1;
        public int Mean { get; private set; } = -1;
        public int FitStatus { get; private set; } = -1;
        public int Refitted { get; private set; } = -1;
        public int Alpha { get; private set; } = -1;
        public int Var { get; private set; } = -1;
        public int Es { get; private set; } = -1;
        public IReadOnlyList<Level> Levels { get; private set; } = [];
        public IReadOnlyList<string> Ignored { get; private set; } = [];
        public bool IsLong => Alpha >= 0;

        public static Columns Find(string[] header, string source)
        {
            var c = new Columns();
            var roles = new Dictionary<string, int>(StringComparer.Ordinal);
            var vars = new Dictionary<double, int>();
            var ess = new Dictionary<double, int>();
            var ignored = new List<string>();
            int Take(string role, int i)
            {
                if (roles.TryGetValue(role, out var first))
                {
                    throw new DataValidationException(source, 1,
                        $"columns {first + 1} ('{header[first]}') and {i + 1} ('{header[i]}') both give the {role}");
                }

                roles.Add(role, i);
                return i;
            }

            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length == 0)
                {
                    throw new DataValidationException(source, 1, $"column {i + 1} has no name");
                }

                switch (CsvFields.NormaliseName(header[i]))
                {
                    case "DATE" or "TARGETDATE": c.Date = Take("date", i); break;
                    case "ORIGINDATE": c.Origin = Take("origin date", i); break;
                    case "RETURN" or "RETURNS" or "REALIZED" or "REALISED" or "PNL" or "P&L" or "PL": c.Realised = Take("realised value", i); break;
                    case "MODEL": c.Model = Take("model", i); break;
                    case "INSTRUMENT": c.Instrument = Take("instrument", i); break;
                    case "PIT": c.Pit = Take("PIT", i); break;
                    case "VOLATILITY" or "VOL" or "SIGMA": c.Volatility = Take("volatility", i); break;
                    case "MEAN": c.Mean = Take("mean", i); break;
                    case "FITSTATUS": c.FitStatus = Take("fit status", i); break;
                    case "REFITTED": c.Refitted = Take("refitted flag", i); break;
                    case "ALPHA" or "LEVEL": c.Alpha = Take("level", i); break;
                    case "VAR": c.Var = Take("VaR", i); break;
                    case "ES": c.Es = Take("ES", i); break;
                    case "EXCEPTION": break; // recomputed from the loss and VaR
                    default:
                        if (LevelOf(header[i], source) is { } level)
                        {
                            var into = level.IsVaR ? vars : ess;
                            if (!into.TryAdd(level.Alpha, i))
                            {
                                throw new DataValidationException(source, 1,
                                    $"columns {into[level.Alpha] + 1} ('{header[into[level.Alpha]]}') and {i + 1} ('{header[i]}') are the same level");
                            }
                        }
                        else
                        {
                            ignored.Add(header[i]);
                        }

                        break;
                }
            }

            // The header as read, cut to keep the message on one line.
            string Header()
            {
                var text = string.Join(",", header);
                return text.Length <= 32 ? text : text[..31] + "…";
            }

            if (c.Date < 0)
            {
                throw new DataValidationException(source, 1, $"no 'date' column (the day of the return); header: {Header()}");
            }

            if (c.Realised < 0)
            {
                throw new DataValidationException(source, 1, $"no 'return' (or 'pnl') column; header: {Header()}");
            }

            if (vars.Count > 0 && (c.Alpha >= 0 || c.Var >= 0 || c.Es >= 0))
            {
                throw new DataValidationException(source, 1,
                    "both var_99-style and alpha/var/es columns: use one layout");
            }

            if (c.Alpha >= 0 != (c.Var >= 0))
            {
                throw new DataValidationException(source, 1,
                    c.Alpha >= 0 ? $"has an '{header[c.Alpha]}' column but no 'var' column" : $"has a '{header[c.Var]}' column but no 'alpha' column (its level)");
            }

            if (c.Es >= 0 && c.Var < 0 || ess.Count > 0 && vars.Count == 0)
            {
                throw new DataValidationException(source, 1, "has ES columns but no VaR column: an exception is a loss beyond VaR");
            }

            if (vars.Count == 0 && c.Alpha < 0)
            {
                throw new DataValidationException(source, 1,
                    $"no VaR column (var_99, or alpha,var); header: {Header()}");
            }

            foreach (var (alpha, i) in ess)
            {
                if (!vars.ContainsKey(alpha))
                {
                    throw new DataValidationException(source, 1, $"column '{header[i]}' has no VaR column at its level");
                }
            }

            c.Levels = [.. vars.OrderBy(v => v.Key).Select(v => new Level(v.Key, v.Value, ess.GetValueOrDefault(v.Key, -1)))];
            c.Ignored = ignored;
            return c;
        }
    }
}
