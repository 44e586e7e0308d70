using System.Diagnostics;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.CommandLine;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Json;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// <c>import acled|ucdp FILE [options]</c> and <c>import acled-deletions FILE</c>: progress on stderr, the report
/// as JSON on stdout. Exit 0 when the file was read (rejected rows included), 2 when it is not that dataset's
/// layout or the command is wrong (nothing written), 1 on any other failure (a record past the size bounds: the report,
/// marked interrupted, still goes to stdout).
/// </summary>
public static class ImportCommands
{
    public static string Usage { get; } = $"""
        usage:
          import {string.Join('|', Datasets.All.Where(d => d.Layout is not null).Select(d => d.Name))} FILE [--incident SLUG] [--country CC] [--from DATE] [--to DATE] [--released TIMESTAMP]
          import {string.Join('|', Datasets.All.Where(d => d.Layout is null).Select(d => d.Name))} FILE
        The report goes to stdout as JSON, progress to stderr.
        """;

    public static CliCommand Command { get; } = new("import", Usage, RunAsync);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var (switches, words) = OperatorHost.Split(args);
        if (words is not ["import", var dataset, var path, .. var rest] || !Importer.Knows(dataset))
        {
            await error.WriteLineAsync($"error: expected a dataset ({Datasets.Names}) and a file\n{Usage}");
            return 2;
        }
        path = Locate(path);
        var (values, problem) = Options(rest, Importer.Layout(dataset) is null ? [] : ImportOptions.Names);
        var validation = new Validation();
        var options = ImportOptions.Read(values.GetValueOrDefault, validation);
        if (problem is not null || !validation.IsValid || !File.Exists(path))
        {
            await error.WriteLineAsync($"error: {problem ?? (validation.IsValid ? $"no file {path}" : validation.ToString())}\n{Usage}");
            return 2;
        }
        return await OperatorHost.RunAsync(switches, false, s => s.AddImports(), async (services, token) =>
        {
            var importer = services.GetRequiredService<Importer>();
            await using var file = File.OpenRead(path);
            var progress = Progress(error);
            try
            {
                var report = await importer.RunAsync(dataset, file, Path.GetFileName(path), options, "cli", progress, token);
                progress(report);
                await error.WriteLineAsync();
                await output.WriteLineAsync(JsonSerializer.Serialize(ImportResponse.From(report), JsonSetup.Indented));
                return 0;
            }
            catch (ImportLayoutException e)
            {
                await error.WriteLineAsync($"error: {e.Message} Nothing was written.");
                return 2;
            }
            catch (ImportTooLongException e)
            {
                await error.WriteLineAsync($"\nerror: {e.Message} The import stopped there; the rows before it are imported.");
                await output.WriteLineAsync(JsonSerializer.Serialize(ImportResponse.From(e.Report!), JsonSetup.Indented));
                return 1;
            }
        }, error, ct);
    }

    /// <summary>
    /// A relative path is read from the directory the command was typed in: <c>dotnet run</c> starts a web project
    /// in the project's folder, but the shell's own folder is still in <c>PWD</c>.
    /// </summary>
    private static string Locate(string path) =>
        Path.IsPathRooted(path) || File.Exists(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } shell
            ? path : Path.Combine(shell, path);

    private static (Dictionary<string, string> Values, string? Problem) Options(string[] words, string[] names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i += 2)
        {
            var name = words[i].StartsWith("--", StringComparison.Ordinal) ? words[i][2..] : null;
            if (name is null || !names.Contains(name) || i + 1 >= words.Length)
            {
                return (values, $"unexpected option: {words[i]}");
            }
            values[name] = words[i + 1];
        }
        return (values, null);
    }

    /// <summary>One line, rewritten in place, with the rows read and the rate: a person can watch it move.</summary>
    private static Action<ImportReport> Progress(TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        return report =>
        {
            var rate = report.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            error.Write($"\r{report.Rows:N0} rows ({rate:N0} rows/s): {report.EventsCreated:N0} created, {report.EventsUpdated:N0} updated, " +
                $"{report.EventsUnchanged:N0} unchanged, {report.EventsDeleted:N0} deleted, {report.Skipped:N0} skipped, {report.RejectedCount:N0} rejected ");
        };
    }
}

public static class ImportSetup
{
    public static IServiceCollection AddImports(this IServiceCollection services) => services.AddSingleton<Importer>();

    /// <summary>
    /// At start-up, gives the imports that a process killed mid-way left running their report, marked interrupted
    /// (each import's start does the same). A database not reachable yet is no reason not to start.
    /// </summary>
    public static async Task MarkInterruptedImportsAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILogger<Importer>>();
        try
        {
            await ImportRun.MarkDeadAsync(services.GetRequiredService<DatabaseLocation>().ConnectionString, logger, ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning("Could not look for interrupted imports at start-up ({Reason}); the next import will", e.Message);
        }
    }
}
