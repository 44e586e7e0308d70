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
        return found is null ? Problems.NotFound("source", id) : Representation.Ok(http, await db.NamedAsync(found, time.RecordedAt, ct));
    }

    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor("source-versions", CursorKey.Int32);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var sourceId) ? await db.FindSourceAsync(sourceId, time.RecordedAt, ct) : null;
        if (found is null)
        {
            return Problems.NotFound("source", id);
        }
        var page = await db.SourceVersions.PageAsync("source-versions", found.Id, time.RecordedAt, limit, after, SourceResponse.From, ct);
        var parents = await db.SourceBriefsAsync(page.Items.Select(v => v.Content.ParentId).OfType<Guid>(), time.RecordedAt, ct);
        return TypedResults.Ok(page with { Items = page.Items.Select(v => v with { Content = v.Content.Named(parents) }).ToList() });
    }
}
