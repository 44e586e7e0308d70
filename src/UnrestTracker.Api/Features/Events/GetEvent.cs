using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events.Links;
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
    /// <remarks>
    /// The ETag covers the event without <c>sameAs</c>: a link changes neither event, so it must not fail an edit's
    /// <c>If-Match</c>; for the same reason a linked event's tag cannot answer <c>If-None-Match</c> with a 304. A deleted duplicate points to its survivor with <c>Link: rel="canonical"</c>.
    /// </remarks>
    public static async Task<Results<Resource<EventResponse>, ProblemResult>> Handle(string id, TimeTravel time, HttpContext http, UnrestDb db, PublicBaseUrl links, CancellationToken ct)
    {
        var found = await db.FindEventAsync(id, time, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        if (found.Tombstone?.DuplicateOf is { } survivor)
        {
            http.Response.Headers.Append("Link", $"<{links.Link(http, $"{ApiPath.V1}/events/{survivor}", QueryString.Empty)}>; rel=\"canonical\"");
        }
        var response = await db.NamedAsync(found.Response, time.RecordedAt, ct);
        var sameAs = await SameAs.OfAsync(db, found.Version.Id, time.RecordedAt, ct);
        // An event never linked has no sameAs at any moment; one that was can show another cluster under the same tag.
        return Resource.Tagged(response with { SameAs = sameAs.Events }, response, restMoves: sameAs.EverLinked);
    }

    /// <summary>Every version recorded by the moment asked about, oldest first; a deleted event keeps them.</summary>
    public static async Task<Results<Ok<Page<VersionEntry<EventResponse>>>, ProblemResult>> Versions(string id, TimeTravel time, [PagedBy(nameof(VersionOrder))] PageRequest page, UnrestDb db, CancellationToken ct)
    {
        var found = await db.FindEventAsync(id, time, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        return TypedResults.Ok(await db.EventVersions.PageAsync(VersionOrder, found.Version.Id, time.RecordedAt, page.Limit, page.After,
            versions => db.NamedAsync(versions.Select(v => EventResponse.From(v)).ToList(), time.RecordedAt, ct), ct));
    }
}
