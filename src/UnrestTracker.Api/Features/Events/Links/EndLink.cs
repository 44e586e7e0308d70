using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary><c>DELETE /events/{id}/links/{linkId}?reason=</c>: ends a link (its end is history too); ending it again changes nothing.</summary>
public static class EndLink
{
    public static async Task<Results<NoContent, ProblemResult>> Handle(string id, string linkId, [Why("the link is ended")] Reason reason, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        return await writer.WriteAsync<Results<NoContent, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var found = await db.FindEventAsync(id, batch.At, ct);
            if (found is null)
            {
                return Problems.NotFound("event", id);
            }
            var eventId = found.Version.Id;
            var link = Guid.TryParse(linkId, out var key)
                ? await db.Database.SqlQuery<LinkEnding>($"""
                    SELECT l.from_event, l.to_event, EXISTS (SELECT 1 FROM event_link_ends e WHERE e.link_id = l.id) AS ended
                    FROM event_links l WHERE l.id = {key} AND {eventId} IN (l.from_event, l.to_event)
                    """).SingleOrDefaultAsync(ct)
                : null;
            if (link is null)
            {
                return Problems.NotFound("link", linkId);
            }
            if (!link.Ended)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO event_link_ends (link_id, reason, recorded_by, recorded_at) VALUES ({key}, {reason.Text}, {batch.By}, {batch.At})
                    """, ct);
                batch.Record(ChangeEntities.Event, link.FromEvent, ChangeOps.Updated);
                batch.Record(ChangeEntities.Event, link.ToEvent, ChangeOps.Updated);
            }
            return TypedResults.NoContent();
        }, ct);
    }

    private sealed class LinkEnding
    {
        public Guid FromEvent { get; init; }
        public Guid ToEvent { get; init; }
        public bool Ended { get; init; }
    }
}
