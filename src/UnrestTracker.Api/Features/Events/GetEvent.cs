using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

public static class GetEvent
{
    private static readonly Keyset<EventVersion> VersionOrder = VersionPages.Order<EventVersion>("event-versions");

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
        return found is null ? Problems.NotFound("event", id) : Representation.Ok(http, await db.NamedAsync(found.Response, time.RecordedAt, ct));
    }

    /// <summary>Every version recorded by the moment asked about, oldest first; a deleted event keeps them.</summary>
    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(VersionOrder.List, VersionOrder.Types);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindEventAsync(id, time, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        return TypedResults.Ok(await db.EventVersions.PageAsync(VersionOrder, found.Version.Id, time.RecordedAt, limit, after,
            versions => db.NamedAsync(versions.Select(v => EventResponse.From(v)).ToList(), time.RecordedAt, ct), ct));
    }
}
