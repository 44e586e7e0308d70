using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

public static class GetSource
{
    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, time.RecordedAt, ct) : null;
        return found is null ? Problems.NotFound("source", id) : Representation.Ok(http, SourceResponse.From(found));
    }

    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor("source-versions", 1);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, time.RecordedAt, ct) : null;
        if (found is null)
        {
            return Problems.NotFound("source", id);
        }
        var afterVersion = after?[0].GetInt32() ?? 0;
        var versions = await db.SourceVersions.AsNoTracking()
            .Where(v => v.Id == found.Id && v.RecordedAt <= time.RecordedAt && v.Version > afterVersion)
            .OrderBy(v => v.Version).Take(limit + 1).ToListAsync(ct);
        var items = versions.Take(limit).Select(v => new VersionEntry<SourceResponse>(v.Version, v.RecordedAt, v.RecordedBy, SourceResponse.From(v))).ToList();
        var next = versions.Count > limit ? Cursor.Encode("source-versions", items[^1].Version) : null;
        return TypedResults.Ok(new Page<VersionEntry<SourceResponse>>(items, next));
    }
}
