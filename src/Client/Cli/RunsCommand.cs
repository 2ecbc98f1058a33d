using System.CommandLine;
using Microsoft.Data.Sqlite;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using RiskGrid.Client.Store;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid runs list|show|compare</c>: the benchmark runs recorded in the run store.</summary>
public static class RunsCommand
{
    public static Command Create(IAnsiConsole? console = null)
    {
        var store = new Option<string?>("--store")
        {
            Description = $"Run store (SQLite). Default: ${RunStoreLocation.Variable}, else {RunStoreLocation.Default}.",
            Recursive = true,
        };
        var format = new Option<string>("--format")
        {
            Description = RunOptions.Format.Description + " Default: table.",
            Recursive = true,
            DefaultValueFactory = _ => "table",
        };
        OutputFormat Format(ParseResult parse) => RunOptions.FormatOf((string)RunOptions.Format.Parse([parse.GetValue(format) ?? "table"]));
        var limit = new Option<int>("--limit") { Description = "Show at most this many runs, newest first.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Recorded runs, newest first.") { limit };
        list.SetAction(parse => Guard(parse.GetValue(store), (s, c) => RunsTables.List(c, s, parse.GetValue(limit), Format(parse)), console, listing: true));

        var id = new Argument<long>("id") { Description = "Run id (see riskgrid runs list)." };
        var asConfig = new Option<bool>("--config")
        {
            Description = "Print only the run's resolved configuration, as a file that riskgrid benchmark (or backtest) --config FILE repeats it with.",
        };
        var show = new Command("show", "One run: parameters, data set, code version, Key Results, artifacts.") { id, asConfig };
        show.SetAction(parse => Guard(parse.GetValue(store), (s, c) =>
        {
            var run = s.Get(parse.GetValue(id));
            if (parse.GetValue(asConfig))
            {
                // Plain text: a configuration file must not carry markup or line wrapping.
                Console.Out.Write(RunConfigFile.Write(run.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)),
                    $"riskgrid run {run.Id} of {run.StartedUtc:yyyy-MM-dd HH:mm} UTC; repeat it with: riskgrid {RunExport.CommandOf(run)} --config FILE"));
                return;
            }

            RunsTables.Show(c, run, Format(parse));
        }, console));

        var first = new Argument<long>("a") { Description = "First run id." };
        var second = new Argument<long>("b") { Description = "Second run id." };
        var compare = new Command("compare", "Two runs side by side: what differs in their set-up, and their Key Results.") { first, second };
        compare.SetAction(parse => Guard(parse.GetValue(store),
            (s, c) => RunsTables.Compare(c, s.Get(parse.GetValue(first)), s.Get(parse.GetValue(second)), Format(parse)), console));

        var tagId = new Argument<long>("id") { Description = "Run id." };
        var tags = new Argument<string[]>("tags") { Description = "Tags, e.g. baseline or paper-2026.", Arity = ArgumentArity.OneOrMore };
        var remove = new Option<bool>("--remove") { Description = "Remove the tags instead of adding them." };
        var tag = new Command("tag", "Tag a run (runs list shows the tags).") { tagId, tags, remove };
        tag.SetAction(parse => Guard(parse.GetValue(store), (s, c) =>
        {
            var names = parse.GetValue(tags)!.Select(t => t.Trim()).ToList();
            if (names.Any(t => t.Length == 0 || t.Any(char.IsControl) || t.Contains(',')))
            {
                throw new ArgumentException("runs tag: a tag is non-empty text without commas or control characters");
            }

            if (parse.GetValue(remove))
            {
                s.Untag(parse.GetValue(tagId), names);
            }
            else
            {
                s.Tag(parse.GetValue(tagId), names);
            }

            c.MarkupLine($"Run {parse.GetValue(tagId)}: {Markup.Escape(string.Join(", ", s.Get(parse.GetValue(tagId)).Tags))}");
        }, console));

        var deleteId = new Argument<long>("id") { Description = "Run id." };
        var delete = new Command("delete", "Delete a run and the kept files no other run uses.") { deleteId };
        delete.SetAction(parse => Guard(parse.GetValue(store), (s, c) =>
        {
            s.Delete(parse.GetValue(deleteId));
            c.MarkupLine($"Deleted run {parse.GetValue(deleteId)}.");
        }, console));

        var exportId = new Argument<long>("id") { Description = "Run id." };
        var exportOut = new Option<string>("--out") { Description = "Folder to write the run's files into (created when absent).", Required = true };
        var export = new Command("export", "Write a run's kept files under their names, and its configuration as run.yaml, into a folder.") { exportId, exportOut };
        export.SetAction(parse => Guard(parse.GetValue(store), (s, c) =>
        {
            var run = s.Get(parse.GetValue(exportId));
            var written = RunExport.Write(run, parse.GetValue(exportOut)!);
            c.MarkupLine($"Run {run.Id}: {written} file(s) written to {Markup.Escape(Path.GetFullPath(parse.GetValue(exportOut)!))}.");
        }, console));

        return new Command("runs", "Benchmark runs recorded in the run store.") { store, format, list, show, compare, tag, delete, export };
    }

    // Reading never creates a store: a missing file simply has no runs.
    private static int Guard(string? option, Action<RunStore, IAnsiConsole> action, IAnsiConsole? console, bool listing = false)
    {
        console ??= AnsiConsole.Console;
        var path = Path.GetFullPath(RunStoreLocation.Resolve(option));
        try
        {
            if (!File.Exists(path) && listing)
            {
                console.MarkupLine($"No runs recorded in {Markup.Escape(path)} yet (riskgrid benchmark records there).");
                return ExitCodes.Ok;
            }

            if (!File.Exists(path))
            {
                throw new RunStoreException($"no run store at {path} (riskgrid benchmark records there)");
            }

            using var store = RunStore.Open(path);
            action(store, console);
            return ExitCodes.Ok;
        }
        catch (RunStoreException ex)
        {
            CliAction.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Store;
        }
        catch (SqliteException ex)
        {
            CliAction.Error.WriteLine($"error: cannot read the run store {path}: {ex.Message}");
            return ExitCodes.Store;
        }
    }
}
