using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

public static class UpdateEvent
{
    public static async Task<Results<Resource<EventResponse>, ProblemResult>> Handle(string id, EventRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct) =>
        await writer.WriteAsync<Results<Resource<EventResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var current = await db.FindEventAsync(id, batch.At, ct);
            if (current is null)
            {
                return Problems.NotFound("event", id);
            }
            if (Representation.CheckIfMatch(http, await db.NamedAsync(current.Response, batch.At, ct)) is { } failed)
            {
                return failed;
            }
            if (current.Tombstone is not null)
            {
                return Problems.Conflict("The event is deleted.", "A deleted event cannot be edited; record a new one instead.");
            }
            var validation = request.Validate();
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
            var references = await request.CheckReferencesAsync(db, batch.At, ct);
            if (!references.IsValid)
            {
                return references.Problem();
            }
            // A statement's event is an event of its incident: moving the event would break that for every statement naming it.
            if (request.IncidentId != current.Version.IncidentId && await db.StatementVersions.AnyAsync(s => s.EventId == current.Version.Id, ct))
            {
                return Problems.Invalid("incidentId", "Statements name this event: it cannot move to another incident.");
            }
            var next = batch.NextVersion(current.Version);
            request.ApplyTo(next);
            db.EventVersions.Add(next);
            batch.Record(ChangeEntities.Event, next.Id, ChangeOps.Updated);
            return Resource.Of(await db.NamedAsync(EventResponse.From(next), batch.At, ct));
        }, ct);
}
