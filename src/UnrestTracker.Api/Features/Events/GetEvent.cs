using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

public static class GetEvent
{
    /// <summary>An event by id, a tombstoned one included (with <c>deleted</c>).</summary>
    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindEventAsync(id, time, ct);
        return found is null ? Problems.NotFound("event", id) : Representation.Ok(http, found.Response);
    }

    /// <summary>Every version recorded by the moment asked about, oldest first; a deleted event keeps them.</summary>
    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor("event-versions", 1);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindEventAsync(id, time, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        var afterVersion = after?[0].GetInt32() ?? 0;
        var versions = await db.EventVersions.AsNoTracking()
            .Where(v => v.Id == found.Version.Id && v.RecordedAt <= time.RecordedAt && v.Version > afterVersion)
            .OrderBy(v => v.Version).Take(limit + 1).ToListAsync(ct);
        var items = versions.Take(limit).Select(v => new VersionEntry<EventResponse>(v.Version, v.RecordedAt, v.RecordedBy, EventResponse.From(v))).ToList();
        var next = versions.Count > limit ? Cursor.Encode("event-versions", items[^1].Version) : null;
        return TypedResults.Ok(new Page<VersionEntry<EventResponse>>(items, next));
    }
}
