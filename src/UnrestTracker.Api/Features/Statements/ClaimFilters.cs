using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>A filtered list query, or the 404 of a filter naming an incident or event that did not exist at recordedAsOf.</summary>
public sealed record Filtered<T>(IQueryable<T>? Query, ProblemResult? Missing)
{
    public static Filtered<T> NotFound(string what, string id) => new(null, Problems.NotFound(what, id));
}

/// <summary>The incident, event and level filters that statements and figures share.</summary>
public static class ClaimFilters
{
    /// <summary>Like an unknown incident, an event that did not exist at recordedAsOf is a 404 rather than an empty list.</summary>
    public static Task<bool> EventExistsAsync(this UnrestDb db, Guid eventId, DateTimeOffset recordedAt, CancellationToken ct) =>
        db.EventVersions.AnyAsync(e => e.Id == eventId && e.RecordedAt <= recordedAt, ct);

    /// <summary>The id of the incident that <paramref name="incident"/> (an id or a slug) names as recorded at <paramref name="recordedAt"/>.</summary>
    public static async Task<Guid?> IncidentIdAsync(this UnrestDb db, string incident, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var key = (typeof(IncidentVersion), incident);
        if (SettledHistory.TryGet(db, recordedAt, key, out Guid kept))
        {
            return kept;
        }
        var id = (await db.FindAsync(incident, recordedAt, ct))?.Id;
        if (id is { } found)
        {
            SettledHistory.Keep(db, recordedAt, key, found);
        }
        return id;
    }
}
