using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

public static class GetStatement
{
    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = Guid.TryParse(id, out var statementId) ? await new ClaimView(db, time).FindAsync(statementId, ct) : null;
        return found is null ? Problems.NotFound("statement", id) : Representation.Ok(http, found);
    }

    /// <summary>Every version recorded by recordedAsOf, each with its own figures; status as at the moment asked.</summary>
    public static async Task<IResult> Versions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        const string list = "statement-versions";
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(list, CursorKey.Int32);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var current = Guid.TryParse(id, out var statementId) ? await view.FindAsync(statementId, ct) : null;
        if (current is null)
        {
            return Problems.NotFound("statement", id);
        }
        var afterVersion = after?[0].GetInt32() ?? 0;
        var versions = await db.StatementVersions.AsNoTracking()
            .Where(v => v.Id == statementId && v.RecordedAt <= time.RecordedAt && v.Version > afterVersion)
            .OrderBy(v => v.Version).Take(limit + 1).ToListAsync(ct);
        var numbers = versions.Select(v => v.Version).ToList();
        var figures = (await db.FigureVersions.AsNoTracking()
            .Where(f => f.StatementId == statementId && numbers.Contains(f.Version)).ToListAsync(ct))
            .ToLookup(f => f.Version);
        var statusNow = current.Figures.ToDictionary(f => f.Id, f => f.Status);
        var retraction = await view.Retractions().FirstOrDefaultAsync(r => r.StatementId == statementId, ct);
        var tombstone = await view.Tombstones().FirstOrDefaultAsync(t => t.EntityId == statementId, ct);
        var sources = new[] { current.Source, current.Retraction?.BySource }.OfType<SourceBrief>().DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var items = versions.Take(limit).Select(v => new VersionEntry<StatementResponse>(v.Version, v.RecordedAt, v.RecordedBy,
            StatementReader.Render(v,
                figures[v.Version].OrderBy(f => f.Ordinal).Select(f => FigureResponse.From(f, statusNow.GetValueOrDefault(f.Id))).ToList(),
                retraction, tombstone, sources))).ToList();
        var next = versions.Count > limit ? Cursor.Encode(list, items[^1].Version) : null;
        return TypedResults.Ok(new Page<VersionEntry<StatementResponse>>(items, next));
    }
}
