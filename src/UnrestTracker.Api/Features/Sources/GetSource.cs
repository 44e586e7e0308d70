using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

public static class GetSource
{
    private static readonly Keyset<SourceVersion> VersionOrder = VersionPages.Order<SourceVersion>("source-versions");

    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, time.RecordedAt, ct) : null;
        return found is null ? Problems.NotFound("source", id) : Representation.Ok(http, await db.NamedAsync(found, time.RecordedAt, ct));
    }

    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(VersionOrder.List, VersionOrder.Types);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, time.RecordedAt, ct) : null;
        if (found is null)
        {
            return Problems.NotFound("source", id);
        }
        return TypedResults.Ok(await db.SourceVersions.PageAsync(VersionOrder, found.Id, time.RecordedAt, limit, after,
            versions => db.NamedAsync(versions.Select(SourceResponse.From), time.RecordedAt, ct), ct));
    }
}
