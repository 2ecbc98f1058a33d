using System.Globalization;

namespace RiskGrid.GridBench;

/// <summary>What the benchmark runs, from <c>--name value</c> arguments.</summary>
public sealed record BenchOptions
{
    public int Instruments { get; init; } = 200;

    public int Days { get; init; } = 500;

    public int Window { get; init; } = 250;

    public int RefitEvery { get; init; } = 1;

    /// <summary>Null: the first four default models (none trains a network).</summary>
    public string[]? Models { get; init; }

    /// <summary>Days sent per push in the backfill runs.</summary>
    public int DaysPerPush { get; init; } = 50;

    /// <summary>Trailing days also pushed one day at a time (the live, end-of-day pattern).</summary>
    public int LiveDays { get; init; } = 10;

    /// <summary>Silo counts for the multi-process runs (need <see cref="Redis"/>).</summary>
    public int[] Silos { get; init; } = [1, 2];

    public string? Redis { get; init; }

    /// <summary>Runs of each configuration; the best is reported (the machine may be shared).</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>Also run <c>riskgrid benchmark</c> with its defaults on the Core engine and through an embedded grid.</summary>
    public bool DefaultBenchmark { get; init; }

    private const string Usage = "GridBench [state|scale] [--instruments N] [--days N] [--window N] [--refit N] [--models a,b] " +
        "[--days-per-push N] [--live-days N] [--silos 1,2] [--redis HOST:PORT | --no-redis] [--repeat N] [--with-benchmark] (scale: [--quick])";

    /// <summary><see cref="Parse"/> for the command line: <c>--help</c> prints the usage (exit 0); a bad option or value
    /// prints what is wrong and the usage (exit 2), never a stack trace. <paramref name="needsRedis"/> names the command that
    /// cannot run without <c>--redis</c> / RISKGRID_REDIS.</summary>
    public static BenchOptions ParseOrExit(string[] args, string? needsRedis = null)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            Environment.Exit(0);
        }

        try
        {
            var o = Parse(args);
            if (o.Redis is { } redis)
            {
                _ = RiskGrid.Client.Sdk.ClusterAddress.Parse($"redis://{redis}", "check", "check"); // a bad address fails here, not after the silos started
            }

            return needsRedis is null || o.Redis is not null
                ? o
                : throw new ArgumentException($"{needsRedis} needs --redis HOST:PORT (or RISKGRID_REDIS)");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"GridBench: {e.Message}");
            Console.Error.WriteLine(Usage);
            Environment.Exit(2);
            throw;
        }
    }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { Redis = Environment.GetEnvironmentVariable("RISKGRID_REDIS") is { Length: > 0 } redis ? redis : null };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int()
            {
                var name = args[i];
                return int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new ArgumentException($"{name} needs a whole number, not '{args[i]}'");
            }

            o = args[i] switch
            {
                "--instruments" => o with { Instruments = Int() },
                "--days" => o with { Days = Int() },
                "--window" => o with { Window = Int() },
                "--refit" => o with { RefitEvery = Int() },
                "--models" => o with { Models = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--days-per-push" => o with { DaysPerPush = Int() },
                "--live-days" => o with { LiveDays = Int() },
                "--silos" => o with { Silos = [.. Next().Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new ArgumentException($"--silos needs silo counts such as 1,2, not '{args[i]}'"))] },
                "--redis" => o with { Redis = Next() },
                "--no-redis" => o with { Redis = null },
                "--repeat" => o with { Repeat = Math.Max(1, Int()) },
                "--with-benchmark" => o with { DefaultBenchmark = true },
                _ => throw new ArgumentException(
                    $"unknown option {args[i]}; options: --instruments --days --window --refit --models --days-per-push --live-days --silos --redis --no-redis --repeat --with-benchmark"),
            };
        }

        if (o.LiveDays >= o.Days - o.Window)
        {
            throw new ArgumentException($"--live-days ({o.LiveDays}) must leave backfilled forecasts: fewer than days − window ({o.Days - o.Window})");
        }

        return o;
    }
}
