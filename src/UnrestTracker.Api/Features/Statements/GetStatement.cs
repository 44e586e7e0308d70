using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

public static class GetStatement
{
    private static readonly Keyset<StatementVersion> VersionOrder = VersionPages.Order<StatementVersion>("statement-versions");

    public static async Task<Results<Resource<StatementResponse>, ProblemResult>> Handle(string id, TimeTravel time, UnrestDb db, CancellationToken ct)
    {
        var found = Guid.TryParse(id, out var statementId) ? await db.FindStatementAsync(time, statementId, ct) : null;
        return found is null ? Problems.NotFound("statement", id) : Resource.Of(found);
    }

    /// <summary>Every version recorded by recordedAsOf, each with its own figures; status as at the moment asked.</summary>
    public static async Task<Results<Ok<Page<VersionEntry<StatementResponse>>>, ProblemResult>> Versions(string id, TimeTravel time, [PagedBy(nameof(VersionOrder))] PageRequest page, UnrestDb db, CancellationToken ct)
    {
        var view = new ClaimView(db, time);
        var current = Guid.TryParse(id, out var statementId) ? await db.FindStatementAsync(time, statementId, ct) : null;
        if (current is null)
        {
            return Problems.NotFound("statement", id);
        }
        var statusNow = current.Figures.ToDictionary(f => f.Id, f => f.Status);
        var retraction = await view.Retractions().FirstOrDefaultAsync(r => r.StatementId == statementId, ct);
        var tombstone = await view.Tombstones().FirstOrDefaultAsync(t => t.EntityId == statementId, ct);
        var sources = new[] { current.Source, current.Retraction?.BySource }.OfType<SourceBrief>().DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        return TypedResults.Ok(await db.StatementVersions.PageAsync(VersionOrder, statementId, time.RecordedAt, page.Limit, page.After, async versions =>
        {
            var numbers = versions.Select(v => v.Version).ToList();
            var figures = (await db.FigureVersions.AsNoTracking()
                .Where(f => f.StatementId == statementId && numbers.Contains(f.Version)).ToListAsync(ct))
                .ToLookup(f => f.Version);
            return versions.Select(v => StatementReader.Render(v,
                figures[v.Version].OrderBy(f => f.Ordinal).Select(f => FigureResponse.From(f, statusNow.GetValueOrDefault(f.Id))).ToList(),
                retraction, tombstone, sources)).ToList();
        }, ct));
    }
}
