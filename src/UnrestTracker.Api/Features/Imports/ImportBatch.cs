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
/// file twice writes nothing. Events stay in the incident they were first imported into.
/// </summary>
public static class ImportBatch
{
    public static async Task WriteAsync(UnrestDb db, WriteBatch batch, ImportSession session, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var report = session.Report;
        var sourceId = session.SourceId ??= await SourceAsync(db, batch, session.Layout, ct);
        var known = await ImportLookup.EventsAsync(db, rows.Select(r => r.Ref.Key).Distinct().ToArray(), ct);
        var previous = await ImportLookup.CountsAsync(db, sourceId, known.Values.Select(e => e.Id).ToList(), ct);
        foreach (var row in rows)
        {
            foreach (var note in row.Adjustments)
            {
                report.Adjust(row.Row, note);
            }
            EventVersion current;
            if (known.TryGetValue(row.Ref.Key, out var existing))
            {
                current = Update(db, batch, existing, row, sourceId, report);
            }
            else
            {
                var incidentId = await IncidentAsync(db, batch, session, row, ct);
                current = batch.FirstVersion<EventVersion>();
                (row.Event with { IncidentId = incidentId, SourceIds = [sourceId] }).ApplyTo(current);
                db.EventVersions.Add(current);
                batch.Record(EventQueries.Entity, current.Id, ChangeOps.Created);
                report.EventsCreated++;
            }
            known[row.Ref.Key] = current;
            var before = previous.GetValueOrDefault(current.Id);
            if (before is not null && before.SameCounts(row.Figures))
            {
                continue;
            }
            var statedAt = session.Layout is AcledLayout && row.Timestamp is { } changed && (before is null || changed > before.StatedAt)
                ? changed : session.Released;
            CreateStatement.Record(db, batch, session.Statement(row, current.IncidentId, current.Id, sourceId, statedAt));
            previous[current.Id] = new ImportLookup.Counts(statedAt, row.Figures.Select(ImportLookup.Count.Of).ToList());
            report.StatementsCreated++;
        }
    }

    private static EventVersion Update(UnrestDb db, WriteBatch batch, EventVersion existing, ImportRow row, Guid sourceId, ImportReport report)
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
        db.EventVersions.Add(next);
        batch.Record(EventQueries.Entity, next.Id, ChangeOps.Updated);
        report.EventsUpdated++;
        return next;
    }

    private static async Task<Guid> SourceAsync(UnrestDb db, WriteBatch batch, IDatasetLayout layout, CancellationToken ct)
    {
        return await ImportLookup.SourceIdAsync(db, layout, ct) ?? CreateSource.Record(db, batch, new SourceRequest { Name = layout.SourceName, Kind = layout.SourceKind, Url = layout.SourceUrl }).Id;
    }

    private static async Task<Guid> IncidentAsync(UnrestDb db, WriteBatch batch, ImportSession session, ImportRow row, CancellationToken ct)
    {
        var slug = session.Options.Incident ?? row.IncidentSlug;
        if (session.Incidents.TryGetValue(slug, out var id))
        {
            return id;
        }
        var found = await db.IncidentVersions.AsNoTracking().Latest().FirstOrDefaultAsync(v => v.Slug == slug, ct);
        if (found is null)
        {
            found = (await CreateIncident.RecordAsync(db, batch, new IncidentRequest
            {
                Slug = slug,
                Title = session.Options.Incident is null ? row.IncidentTitle : $"{session.Layout.SourceName} import: {slug}",
                Summary = $"Created by an import of {session.Layout.SourceName} data; its dates and countries widen as imports add events.",
                Countries = [row.Country],
                StartDate = row.Date,
                EndDate = row.Event.EndDate ?? row.Date,
                Tags = [IncidentWidening.Tag],
            }, ct))!;
        }
        if (found.Tags.Contains(IncidentWidening.Tag))
        {
            session.Widen.Add(found.Id);
        }
        return session.Incidents[slug] = found.Id;
    }
}
