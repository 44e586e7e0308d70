using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary><c>POST /events/{id}/links</c>: records that two events are the same happening.</summary>
public static class LinkEvents
{
    public static async Task<Results<CreatedResource<LinkResponse>, ProblemResult>> Handle(string id, LinkRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var validation = new Validation().CheckLimits(request);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<LinkResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var from = await db.FindEventAsync(id, batch.At, ct);
            if (from is null)
            {
                return Problems.NotFound("event", id);
            }
            if (from.Tombstone is not null)
            {
                return Problems.Invalid("id", "This event is deleted: a deleted event takes no new links.");
            }
            var to = request.To!.Value;
            if (to == from.Version.Id)
            {
                return Problems.Invalid("to", "An event is not linked to itself: name another event.");
            }
            var other = await db.FindEventAsync(to.ToString(), batch.At, ct);
            if (other is null || other.Tombstone is not null)
            {
                return Problems.Invalid("to", other is null ? $"There is no event '{to}'." : $"Event '{to}' is deleted: a deleted event takes no new links.");
            }
            var cluster = EventLinks.Clusters(await EventLinks.OfClustersAsync(db, [from.Version.Id], batch.At, ct));
            if (cluster.TryGetValue(from.Version.Id, out var members) && members.Contains(to))
            {
                return Problems.Conflict("The events are already linked.",
                    $"Event '{to}' is already in the cluster of event '{from.Version.Id}' (directly or through other links): nothing to add.");
            }
            var linkId = Guid.CreateVersion7();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO event_links (id, from_event, to_event, relation, reason, recorded_by, recorded_at)
                VALUES ({linkId}, {from.Version.Id}, {to}, {EventLinks.SameAs}, {request.Reason}, {batch.By}, {batch.At})
                """, ct);
            batch.Record(ChangeEntities.Event, from.Version.Id, ChangeOps.Updated);
            batch.Record(ChangeEntities.Event, to, ChangeOps.Updated);
            var link = new LinkResponse(linkId, from.Version.Id, to, EventLinks.SameAs, request.Reason!, batch.By, batch.At);
            return Resource.Created($"{ApiPath.V1}/events/{from.Version.Id}/links/{linkId}", link);
        }, ct);
    }
}
