using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// Writes one batch of rows: a new event (and statement) for an unseen external id; for a known one, a new
/// event version only when its fields changed and a new statement only when its counts changed, so the same
/// file twice writes nothing. Events stay in the incident they were first imported into. The rows are built
/// untracked and copied at the end by binary COPY (EF Core's change tracking cost more than the COPY itself).
/// </summary>
public static class ImportBatch
{
    public static async Task WriteAsync(UnrestDb db, WriteBatch batch, ImportSession session, IReadOnlyList<ImportRow> rows, ILogger logger, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var report = session.Report;
        var sourceId = session.SourceId ??= await SourceAsync(db, batch, session.Layout, ct);
        var keys = rows.Select(r => r.Ref.Key).Distinct().ToArray();
        var known = await ImportLookup.EventsAsync(db, keys, ct);
        var deletedHere = await ImportLookup.DeletedHereAsync(db, keys, ct);
        var previous = await ImportLookup.CountsAsync(db, sourceId, known.Values.Select(e => e.Id).ToList(), ct);
        var looked = clock.Elapsed;
        var events = new List<EventVersion>(rows.Count);
        var statements = new List<StatementVersion>(rows.Count);
        var figures = new List<FigureVersion>(rows.Count * 2);
        var created = new Dictionary<Guid, IncidentVersion>();
        var placed = new List<EventVersion>(rows.Count);
        foreach (var row in rows)
        {
            foreach (var note in row.Adjustments)
            {
                report.Adjust(row.Row, note);
            }
            EventVersion current;
            if (!known.ContainsKey(row.Ref.Key) && deletedHere.Contains(row.Ref.Key))
            {
                report.Skipped++;
                continue;
            }
            if (known.TryGetValue(row.Ref.Key, out var existing))
            {
                current = Update(events, batch, existing, row, sourceId, report);
            }
            else
            {
                var incidentId = await IncidentAsync(db, batch, session, row, created, ct);
                current = batch.FirstVersion<EventVersion>();
                (row.Event with { IncidentId = incidentId, SourceIds = [sourceId] }).ApplyTo(current);
                events.Add(current);
                batch.Record(ChangeEntities.Event, current.Id, ChangeOps.Created);
                report.EventsCreated++;
            }
            known[row.Ref.Key] = current;
            placed.Add(current);
            var before = previous.GetValueOrDefault(current.Id);
            if (before is not null && before.SameCounts(row.Figures))
            {
                continue;
            }
            var statedAt = session.Layout is AcledLayout && row.Timestamp is { } changed && (before is null || changed > before.StatedAt)
                ? changed : session.Released;
            var (statement, counts) = CreateStatement.Build(batch, session.Statement(row, current.IncidentId, current.Id, sourceId, statedAt));
            statements.Add(statement);
            figures.AddRange(counts);
            previous[current.Id] = new ImportLookup.Counts(statedAt, row.Figures.Select(ImportLookup.Count.Of).ToList());
            report.StatementsCreated++;
        }
        // In the batch's own transaction: an incident never lags behind the events committed into it, even when the import stops here.
        await IncidentWidening.WidenAsync(db, batch, created, placed, ct);
        var built = clock.Elapsed;
        await BulkCopy.CopyAsync(db, events, ct);
        var copiedEvents = clock.Elapsed;
        await BulkCopy.CopyAsync(db, statements, ct);
        var copiedStatements = clock.Elapsed;
        await BulkCopy.CopyAsync(db, figures, ct);
        logger.LogDebug("Batch of {Rows} rows: lookup {Lookup} ms, build {Build} ms, copy {Events} events {EventsMs} ms, {Statements} statements {StatementsMs} ms, {Figures} figures {FiguresMs} ms",
            rows.Count, Ms(looked), Ms(built - looked), events.Count, Ms(copiedEvents - built), statements.Count, Ms(copiedStatements - copiedEvents),
            figures.Count, Ms(clock.Elapsed - copiedStatements));
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static EventVersion Update(List<EventVersion> events, WriteBatch batch, EventVersion existing, ImportRow row, Guid sourceId, ImportReport report)
    {
        // The row applied to what would be the next version; it is only written when some field differs.
        var next = batch.NextVersion(existing);
        (row.Event with { IncidentId = existing.IncidentId, SourceIds = [.. existing.SourceIds, sourceId] }).ApplyTo(next);
        next.Tags = existing.Tags;
        next.ExternalRefs = existing.ExternalRefs.UnionBy(next.ExternalRefs, r => r.Key).ToList();
        next.ExternalKeys = next.ExternalRefs.Select(r => r.Key).ToArray();
        if (EventFields.Same(existing, next))
        {
            report.EventsUnchanged++;
            return existing;
        }
        events.Add(next);
        batch.Record(ChangeEntities.Event, next.Id, ChangeOps.Updated);
        report.EventsUpdated++;
        return next;
    }

    private static async Task<Guid> SourceAsync(UnrestDb db, WriteBatch batch, IDatasetLayout layout, CancellationToken ct)
    {
        return await ImportLookup.SourceIdAsync(db, layout, ct) ?? CreateSource.Record(db, batch, new SourceRequest { Name = layout.SourceName, Kind = layout.SourceKind, Url = layout.SourceUrl }).Id;
    }

    private static async Task<Guid> IncidentAsync(UnrestDb db, WriteBatch batch, ImportSession session, ImportRow row,
        Dictionary<Guid, IncidentVersion> created, CancellationToken ct)
    {
        var request = session.Incident(row);
        if (session.Incidents.TryGetValue(request.Slug!, out var id))
        {
            return id;
        }
        var found = await db.IncidentVersions.AsNoTracking().Latest().FirstOrDefaultAsync(v => v.Slug == request.Slug, ct);
        if (found is null)
        {
            found = (await CreateIncident.RecordAsync(db, batch, request, ct))!;
            created[found.Id] = found;
        }
        return session.Incidents[request.Slug!] = found.Id;
    }
}
