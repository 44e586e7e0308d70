using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

public static class CreateSource
{
    public static async Task<Results<CreatedResource<SourceResponse>, ProblemResult>> Handle(SourceRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<SourceResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            if (await db.ParentProblemAsync(request.ParentId, null, ct) is { } problem)
            {
                return Problems.Invalid("parentId", problem);
            }
            var created = Record(db, batch, request);
            return Resource.Created($"{ApiPath.V1}/sources/{created.Id}", await db.NamedAsync(created, batch.At, ct));
        }, ct);
    }

    public static SourceVersion Record(UnrestDb db, WriteBatch batch, SourceRequest request)
    {
        var version = batch.FirstVersion<SourceVersion>();
        request.ApplyTo(version);
        db.SourceVersions.Add(version);
        batch.Record(ChangeEntities.Source, version.Id, ChangeOps.Created);
        return version;
    }
}
