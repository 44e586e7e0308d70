using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Events;

/// <summary>An event version together with its tombstone, when one was there at the moment asked about.</summary>
public sealed record FoundEvent(EventVersion Version, Tombstone? Tombstone)
{
    public EventResponse Response => EventResponse.From(Version, Tombstone);
}

public static class EventQueries
{

    /// <summary>
    /// Events as the database stood at <see cref="TimeTravel.RecordedAt"/>, in the version current then,
    /// without those tombstoned by then, and (with <c>asOf</c>) only those that had happened by then.
    /// </summary>
    public static IQueryable<EventVersion> Visible(this UnrestDb db, TimeTravel time)
    {
        var at = time.RecordedAt;
        var events = db.EventVersions.AsNoTracking().AsRecordedAt(at)
            .Where(v => !db.Tombstones.Any(t => t.Entity == ChangeEntities.Event && t.EntityId == v.Id && t.At <= at));
        return events.HappenedBy(time);
    }

    /// <summary>With <c>asOf</c>, only the events that had happened by then.</summary>
    public static IQueryable<EventVersion> HappenedBy(this IQueryable<EventVersion> events, TimeTravel time)
    {
        if (time.AsOf is not { } asOf)
        {
            return events;
        }
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        return events.Where(v => v.Date <= day);
    }

    /// <summary>A single event, tombstoned or not, as recorded at <paramref name="recordedAt"/>; null if it did not exist then.</summary>
    public static async Task<FoundEvent?> FindEventAsync(this UnrestDb db, string id, DateTimeOffset recordedAt, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return null;
        }
        var version = await db.EventVersions.AsNoTracking().AsRecordedAt(recordedAt).FirstOrDefaultAsync(v => v.Id == eventId, ct);
        if (version is null)
        {
            return null;
        }
        var tombstone = await db.Tombstones.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Entity == ChangeEntities.Event && t.EntityId == eventId && t.At <= recordedAt, ct);
        return new FoundEvent(version, tombstone);
    }

    /// <summary>The event as the client may see it under <paramref name="time"/>: asOf hides events that had not happened yet.</summary>
    public static async Task<FoundEvent?> FindEventAsync(this UnrestDb db, string id, TimeTravel time, CancellationToken ct)
    {
        var found = await db.FindEventAsync(id, time.RecordedAt, ct);
        return found is not null && time.AsOf is { } asOf && found.Version.Date > DateOnly.FromDateTime(asOf.UtcDateTime) ? null : found;
    }
}
