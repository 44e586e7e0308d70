using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// Reads a dataset file front to back and writes it in batches of <see cref="BatchSize"/> rows, each batch one
/// transaction under the write lock: a large file never holds one transaction, an interrupted import leaves
/// whole rows only (each row's event and statement commit together), and running it again completes it,
/// because a row already written compares unchanged.
/// </summary>
public sealed class Importer(IServiceScopeFactory scopes, DatabaseLocation location, ILogger<Importer> logger)
{
    public const int BatchSize = 1000;

    /// <summary>How long one batch's statements may run (a stuck database still ends an import, a loaded one does not).</summary>
    public static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(2);

    private static readonly Type[] BulkTypes =
        [typeof(Events.EventVersion), typeof(Statements.StatementVersion), typeof(Statements.FigureVersion), typeof(Statements.Retraction), typeof(Tombstone)];

    public static IDatasetLayout? Layout(string dataset) => Datasets.Named(dataset)?.Layout?.Invoke();

    /// <summary>Whether <paramref name="dataset"/> names something <c>RunAsync</c> imports (<see cref="Datasets"/>).</summary>
    public static bool Knows(string dataset) => Datasets.Named(dataset) is not null;

    /// <summary>Imports the file as the dataset says: a layout's rows, or ACLED's deletions list.</summary>
    public Task<ImportReport> RunAsync(string dataset, Stream body, string fileName, ImportOptions options, string by,
        Action<ImportReport>? progress, CancellationToken ct) => Layout(dataset) is { } layout
        ? ImportAsync(layout, body, fileName, options, by, progress, ct)
        : DeleteAsync(body, fileName, by, progress, ct);

    /// <summary>
    /// Imports an ACLED or UCDP file; throws <see cref="ImportLayoutException"/> (nothing written) for another layout, and
    /// <see cref="ImportTooLongException"/> (the rows before it written, the report marked interrupted) at an overlong record.
    /// </summary>
    public async Task<ImportReport> ImportAsync(IDatasetLayout layout, Stream body, string fileName, ImportOptions options, string by,
        Action<ImportReport>? progress, CancellationToken ct)
    {
        using var file = await ImportFile.OpenAsync(body, fileName);
        layout.Check(file);
        await using var run = await StartAsync(layout.Dataset, file, options, by, ct);
        var report = run.Report;
        var session = new ImportSession(layout, report, options with { Released = report.Released });
        return await FinishAsync(report, file, async () =>
        {
            // Reading and mapping the next batch overlaps writing the previous one: the CPU parses while PostgreSQL writes.
            var batches = Channel.CreateBounded<List<ImportRow>>(1);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var writing = WriteAllAsync(session, batches.Reader, progress, failed, ct);
            try
            {
                var rows = new List<ImportRow>(BatchSize);
                while (await NextAsync(file, report))
                {
                    var (row, rejection) = file.Flaw() is { } flaw ? (null, flaw) : layout.Read(file);
                    rejection ??= row is null ? null : session.Check(row);
                    if (row is null || rejection is not null)
                    {
                        report.Reject(file.Row, rejection!);
                    }
                    else if (!options.Keeps(row))
                    {
                        report.Skipped++;
                    }
                    else
                    {
                        rows.Add(row);
                    }
                    if (rows.Count == BatchSize)
                    {
                        await batches.Writer.WriteAsync(rows, failed.Token);
                        rows = new List<ImportRow>(BatchSize);
                    }
                }
                if (rows.Count > 0)
                {
                    await batches.Writer.WriteAsync(rows, failed.Token);
                }
            }
            catch (OperationCanceledException) when (writing.IsFaulted)
            {
                // The writer's own exception is the one to report, below.
            }
            catch (Exception e)
            {
                // A file cut off part-way: the whole batches read so far are still written (whole rows only), then the failure is reported.
                batches.Writer.TryComplete();
                await writing;
                ExceptionDispatchInfo.Throw(e);
            }
            finally
            {
                batches.Writer.TryComplete();
            }
            await writing;
        }, ct);
    }

    /// <summary>Imports an ACLED deletions list (<c>event_id_cnty, deleted_timestamp</c>).</summary>
    public async Task<ImportReport> DeleteAsync(Stream body, string fileName, string by, Action<ImportReport>? progress, CancellationToken ct)
    {
        using var file = await ImportFile.OpenAsync(body, fileName);
        AcledDeletions.Check(file);
        await using var run = await StartAsync(AcledDeletions.Name, file, new ImportOptions(), by, ct);
        var report = run.Report;
        return await FinishAsync(report, file, async () =>
        {
            var rows = new List<DeletionRow>(BatchSize);
            while (true)
            {
                var more = await NextAsync(file, report);
                if (more)
                {
                    var (row, rejection) = file.Flaw() is { } flaw ? (null, flaw) : AcledDeletions.Read(file);
                    if (row is { } deletion)
                    {
                        rows.Add(deletion);
                    }
                    else
                    {
                        report.Reject(file.Row, rejection!);
                    }
                }
                if (rows.Count == BatchSize || (!more && rows.Count > 0))
                {
                    await RunAsync(by, (db, batch) => AcledDeletions.WriteAsync(db, batch, report, rows, ct), ct);
                    rows.Clear();
                    progress?.Invoke(report);
                }
                if (!more)
                {
                    break;
                }
            }
        }, ct);
    }

    /// <summary>The next row, counted; a record past the size bounds is counted and rejected, and ends the file (<see cref="ImportFile.Stopped"/>).</summary>
    private static async Task<bool> NextAsync(ImportFile file, ImportReport report)
    {
        if (await file.NextAsync())
        {
            report.Rows++;
            return true;
        }
        if (file.Stopped is { } stopped)
        {
            report.Rows++;
            report.Reject(stopped.Row, $"{stopped.Reason}: the import stopped here");
        }
        return false;
    }

    private async Task WriteAllAsync(ImportSession session, ChannelReader<List<ImportRow>> batches, Action<ImportReport>? progress,
        CancellationTokenSource failed, CancellationToken ct)
    {
        try
        {
            await foreach (var rows in batches.ReadAllAsync(ct))
            {
                await RunAsync(session.Report.RecordedBy, (db, batch) => ImportBatch.WriteAsync(db, batch, session, rows, logger, ct), ct);
                progress?.Invoke(session.Report);
            }
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
    }

    private async Task RunAsync(string by, Func<UnrestDb, WriteBatch, Task> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<Writer>();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A batch is a thousand rows, not a request's few: it gets the time of a batch, not the outage timeout.
        db.Database.SetCommandTimeout(BatchTimeout);
        var clock = Stopwatch.StartNew();
        TimeSpan locked = default, worked = default;
        await writer.WriteAsync(by, async batch =>
        {
            locked = clock.Elapsed;
            await db.Database.ExecuteSqlAsync($"SELECT set_config('statement_timeout', {BatchTimeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}, true)", ct);
            await work(db, batch);
            worked = clock.Elapsed;
            // The many rows by COPY, the few incidents and sources by SaveChanges, the change feed last, in its order.
            await BulkCopy.FlushAsync(db, BulkTypes, ct);
            await db.SaveChangesAsync(ct);
            await BulkCopy.CopyAsync(db, batch.TakeChanges(), ct);
            return 0;
        }, ct);
        logger.LogDebug("Batch transaction: write lock {Lock} ms, rows {Work} ms, incidents and change feed then commit {Rest} ms",
            (long)locked.TotalMilliseconds, (long)(worked - locked).TotalMilliseconds, (long)(clock.Elapsed - worked).TotalMilliseconds);
    }

    private async Task<ImportRun> StartAsync(string dataset, ImportFile file, ImportOptions options, string by, CancellationToken ct)
    {
        var connection = location.ConnectionString;
        await ImportRun.MarkDeadAsync(connection, logger, ct);
        var run = await ImportRun.StartAsync(connection, new ImportReport
        {
            Id = Guid.CreateVersion7(),
            Dataset = dataset,
            FileName = file.Name,
            Released = options.Released ?? default,
            Incident = options.Incident,
            Country = options.Country,
            From = options.From,
            To = options.To,
            RecordedBy = by,
        }, ct);
        logger.LogInformation("Import {ImportId} of {Dataset} file {File} started", run.Report.Id, dataset, file.Name);
        return run;
    }

    /// <summary>
    /// Runs the import's <paramref name="work"/> and writes its report, once: finished, or interrupted (by a failure, which is
    /// then rethrown, or by an overlong record, which throws <see cref="ImportTooLongException"/>).
    /// </summary>
    private async Task<ImportReport> FinishAsync(ImportReport report, ImportFile file, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e)
        {
            logger.LogWarning("Import {ImportId} interrupted after {Rows} rows: {Reason}", report.Id, report.Rows, e.Message);
            await RecordInterruptedAsync(report, file);
            throw;
        }
        if (file.Stopped is { } stopped)
        {
            await RecordInterruptedAsync(report, file);
            throw new ImportTooLongException(stopped.Row, stopped.Reason) { Report = report };
        }
        report.FileSha256 = await file.Sha256Async();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        await RecordAsync(db, report, file, ct);
        await AnalyzeAsync(db, ct);
        logger.LogInformation("Import {ImportId} finished: {Rows} rows, {Created} events created, {Updated} updated, {Rejected} rejected",
            report.Id, report.Rows, report.EventsCreated, report.EventsUpdated, report.RejectedCount);
        return report;
    }

    /// <summary>The report of an import that did not reach the end of its file, with what it had done; when even that fails, the next import's start marks it.</summary>
    private async Task RecordInterruptedAsync(ImportReport report, ImportFile file)
    {
        report.Interrupted = true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RecordAsync(scope.ServiceProvider.GetRequiredService<UnrestDb>(), report, file, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not write the report of interrupted import {ImportId} ({Reason})", report.Id, e.Message);
        }
    }

    private static async Task RecordAsync(UnrestDb db, ImportReport report, ImportFile file, CancellationToken ct)
    {
        report.FileBytes = file.Bytes;
        report.FinishedAt = await db.Database.SqlQuery<DateTimeOffset>($"SELECT clock_timestamp() AS \"Value\"").SingleAsync(ct);
        db.ImportReports.Add(report);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Fresh planner statistics for the tables an import fills: right after a bulk load they are stale, and a read of the new
    /// incident may otherwise get a plan of seconds. Only a table's owner may ANALYZE: the API's role calls the owner's
    /// <c>refresh_import_statistics()</c> (SECURITY DEFINER: the history tables an import fills and the ones the writes keep beside them). Should it fail, autovacuum catches up later.
    /// </summary>
    private async Task AnalyzeAsync(UnrestDb db, CancellationToken ct)
    {
        try
        {
            db.Database.SetCommandTimeout(BatchTimeout);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('statement_timeout', {BatchTimeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}, true)", ct);
            await db.Database.ExecuteSqlAsync($"SELECT refresh_import_statistics()", ct);
            await transaction.CommitAsync(ct);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("Could not refresh the statistics after an import ({Reason}); autovacuum will", e.Message);
        }
    }
}
