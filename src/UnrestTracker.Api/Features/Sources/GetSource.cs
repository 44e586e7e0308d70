using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

public static class GetSource
{
    private static readonly Keyset<SourceVersion> VersionOrder = VersionPages.Order<SourceVersion>("source-versions");

    public static async Task<Results<Resource<SourceResponse>, ProblemResult>> Handle(string id, Recorded recorded, UnrestDb db, CancellationToken ct)
    {
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, recorded.At, ct) : null;
        return found is null ? Problems.NotFound("source", id) : Resource.Of(await db.NamedAsync(found, recorded.At, ct));
    }

    public static async Task<Results<Ok<Page<VersionEntry<SourceResponse>>>, ProblemResult>> Versions(string id, Recorded recorded, [PagedBy(nameof(VersionOrder))] PageRequest page, UnrestDb db, CancellationToken ct)
    {
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, recorded.At, ct) : null;
        if (found is null)
        {
            return Problems.NotFound("source", id);
        }
        return TypedResults.Ok(await db.SourceVersions.PageAsync(VersionOrder, found.Id, recorded.At, page.Limit, page.After,
            versions => db.NamedAsync(versions.Select(SourceResponse.From), recorded.At, ct), ct));
    }
}
