using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

public static class CreateEvent
{
    public static async Task<Results<CreatedResource<EventResponse>, ProblemResult>> Handle(EventRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<EventResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var references = await request.CheckReferencesAsync(db, batch.At, ct);
            if (!references.IsValid)
            {
                return references.Problem();
            }
            var created = Record(db, batch, request);
            return Resource.Created($"{ApiPath.V1}/events/{created.Id}", await db.NamedAsync(EventResponse.From(created), batch.At, ct));
        }, ct);
    }

    /// <summary>Adds version 1 of a new event from a request already validated.</summary>
    public static EventVersion Record(UnrestDb db, WriteBatch batch, EventRequest request)
    {
        var version = batch.FirstVersion<EventVersion>();
        request.ApplyTo(version);
        db.EventVersions.Add(version);
        batch.Record(ChangeEntities.Event, version.Id, ChangeOps.Created);
        return version;
    }
}
