using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

public readonly record struct DeletionRow(long Row, string Id, DateTimeOffset DeletedAt);

/// <summary>
/// ACLED's list of deleted events. Each listed event's ACLED statements are retracted by ACLED ("deleted upstream",
/// at <c>deleted_timestamp</c>) and the event is tombstoned; a later row with the same id becomes a new event.
/// An id that is unknown or already deleted is skipped.
/// </summary>
public static class AcledDeletions
{
    public const string Name = "acled-deletions";
    public const string RetractionReason = "deleted upstream";
    public const string TombstoneReason = "deleted upstream by ACLED";

    public static void Check(ImportFile file) => file.Require("an ACLED deletions list", ["event_id_cnty", "deleted_timestamp"]);

    public static (DeletionRow?, string?) Read(ImportFile f)
    {
        if (f["event_id_cnty"] is not { } id)
        {
            return (null, "event_id_cnty is empty");
        }
        var text = f["deleted_timestamp"];
        var at = Fields.UnixSeconds(text) ?? (Fields.Date(text) is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);
        return at is { } deletedAt ? (new DeletionRow(f.Row, id, deletedAt), null) : (null, $"deleted_timestamp {Fields.Quoted(text)} is neither Unix seconds nor a date");
    }

    public static async Task WriteAsync(UnrestDb db, WriteBatch batch, ImportReport report, List<DeletionRow> rows, CancellationToken ct)
    {
        var acled = new AcledLayout();
        var sourceId = await ImportLookup.SourceIdAsync(db, acled, ct);
        var events = await ImportLookup.EventsAsync(db, rows.Select(r => $"{acled.System}:{r.Id}").Distinct().ToArray(), ct);
        var ids = events.Values.Select(e => e.Id).ToList();
        var statements = await db.StatementVersions.AsNoTracking().Latest()
            .Where(s => s.SourceId == sourceId && s.EventId != null && ids.Contains(s.EventId.Value) && !db.Retractions.Any(r => r.StatementId == s.Id))
            .Select(s => new { s.Id, EventId = s.EventId!.Value, s.StatedAt })
            .ToListAsync(ct);
        var byEvent = statements.ToLookup(s => s.EventId);
        var done = new HashSet<Guid>();
        foreach (var row in rows)
        {
            if (!events.TryGetValue($"{acled.System}:{row.Id}", out var e) || !done.Add(e.Id))
            {
                report.Skipped++;
                continue;
            }
            foreach (var s in byEvent[e.Id])
            {
                var at = row.DeletedAt < s.StatedAt ? s.StatedAt : row.DeletedAt;
                RetractStatement.Record(db, batch, s.Id, new RetractionRequest { RetractedAt = at, Reason = RetractionReason, BySourceId = sourceId });
                report.StatementsRetracted++;
            }
            db.Tombstones.Add(new Tombstone { Entity = ChangeEntities.Event, EntityId = e.Id, At = batch.At, By = batch.By, Reason = TombstoneReason });
            batch.Record(ChangeEntities.Event, e.Id, ChangeOps.Deleted);
            report.EventsDeleted++;
        }
    }
}
