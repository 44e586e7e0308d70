using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

public static class UpdateSource
{
    public static async Task<Results<Resource<SourceResponse>, ProblemResult>> Handle(string id, SourceRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct) =>
        await writer.WriteAsync<Results<Resource<SourceResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var current = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, batch.At, ct) : null;
            if (current is null)
            {
                return Problems.NotFound("source", id);
            }
            if (Representation.CheckIfMatch(http, await db.NamedAsync(current, batch.At, ct)) is { } failed)
            {
                return failed;
            }
            var validation = request.Validate();
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
            if (await db.ParentProblemAsync(request.ParentId, current.Id, ct) is { } problem)
            {
                return Problems.Invalid("parentId", problem);
            }
            var next = batch.NextVersion(current);
            request.ApplyTo(next);
            db.SourceVersions.Add(next);
            batch.Record(ChangeEntities.Source, next.Id, ChangeOps.Updated);
            return Resource.Of(await db.NamedAsync(next, batch.At, ct));
        }, ct);
}
