using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Tombstones an event: it leaves lists and exports but stays readable by id, with its versions.</summary>
public static class DeleteEvent
{
    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var reason = query.Text("reason", TextLimits.Reason);
        if (query.Errors.IsValid && reason is null)
        {
            query.Errors.Add("reason", "Say why the event is deleted.");
        }
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        return await writer.WriteAsync(Caller.NameOf(http), async batch =>
        {
            var current = await db.FindEventAsync(id, batch.At, ct);
            if (current is null)
            {
                return Problems.NotFound("event", id);
            }
            if (current.Tombstone is null)
            {
                db.Tombstones.Add(new Tombstone { Entity = EventQueries.Entity, EntityId = current.Version.Id, At = batch.At, By = batch.By, Reason = reason! });
                batch.Record(EventQueries.Entity, current.Version.Id, ChangeOps.Deleted);
            }
            return Results.NoContent();
        }, ct);
    }
}
