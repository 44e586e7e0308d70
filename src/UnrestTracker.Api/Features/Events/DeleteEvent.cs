using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Tombstones an event: it leaves lists and exports but stays readable by id, with its versions.</summary>
public static class DeleteEvent
{
    public static async Task<Results<NoContent, ProblemResult>> Handle(string id, [Why("the event is deleted")] Reason reason, Survivor survivor, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var survivorId = survivor.DuplicateOf;
        return await writer.WriteAsync<Results<NoContent, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var current = await db.FindEventAsync(id, batch.At, ct);
            if (current is null)
            {
                return Problems.NotFound("event", id);
            }
            if (current.Tombstone is null && survivorId is { } duplicateOf
                && await SurvivorProblemAsync(db, current.Version.Id, duplicateOf, batch.At, ct) is { } problem)
            {
                return Problems.Invalid("duplicateOf", problem);
            }
            if (current.Tombstone is null)
            {
                db.Tombstones.Add(new Tombstone
                {
                    Entity = ChangeEntities.Event,
                    EntityId = current.Version.Id,
                    At = batch.At,
                    By = batch.By,
                    Reason = reason.Text,
                    DuplicateOf = survivorId,
                });
                batch.Record(ChangeEntities.Event, current.Version.Id, ChangeOps.Deleted);
            }
            return TypedResults.NoContent();
        }, ct);
    }

    private static async Task<string?> SurvivorProblemAsync(UnrestDb db, Guid eventId, Guid survivor, DateTimeOffset at, CancellationToken ct)
    {
        if (survivor == eventId)
        {
            return "An event is not a duplicate of itself: name the event that survives it.";
        }
        var found = await db.FindEventAsync(survivor.ToString(), at, ct);
        return found is null ? $"There is no event '{survivor}'."
            : found.Tombstone is not null ? $"Event '{survivor}' is deleted too: name an event that survives." : null;
    }
}

/// <summary>The event that survives a deleted duplicate (<c>?duplicateOf=</c>), kept as its deleted.duplicateOf.</summary>
public sealed record Survivor(Guid? DuplicateOf) : IQueryParameters<Survivor>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("duplicateOf", "The id of the event that survives this one, when it is deleted as a duplicate: kept as deleted.duplicateOf.")];

    public static Survivor Read(QueryReader query, ParameterInfo parameter) => new(query.Id("duplicateOf"));
}
