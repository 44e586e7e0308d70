using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>Figures of statements not withdrawn, ordered by (statedAt, id), each with its status; CSV streams the whole filtered set.</summary>
public static class ListFigures
{
    private static readonly CursorList List = new("figures", [CursorKey.Timestamp, CursorKey.Id]);

    public static async Task<Results<Ok<Page<SourcedFigure>>, ExportStream, ProblemResult>> Handle(FigureFilter filter, TimeTravel time, [PagedBy(nameof(List), ExportFormat.Csv)] ListRequest list,
        HttpContext http, UnrestDb db, IConfiguration configuration, CancellationToken ct)
    {
        var (format, limit, after) = list;
        var view = new ClaimView(db, time);
        var (incidentId, missing) = await filter.ResolveAsync(db, time.RecordedAt, ct);
        if (missing is not null)
        {
            return missing;
        }
        if (format != ExportFormat.Json)
        {
            return ExportAdmission.Admit(http, db) is { } refused ? refused : ExportFigures.Stream(http, db, view, filter, incidentId);
        }
        var figures = filter.Apply(db, view, incidentId);
        var cursor = after is null ? (CurrentFigures.Position?)null : new(after[0].GetDateTimeOffset(), after[1].GetGuid());
        if (cursor is { } c)
        {
            figures = figures.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.StatedAt, f.Id), ValueTuple.Create(c.StatedAt, c.Id)));
        }
        // An event's figures are few: rated in order. Otherwise current figures come from their candidates (CurrentFigures).
        var (rows, goOnAfter) = filter.Status == FigureStatus.Current && filter.Event is null
            ? await CurrentFigures.PageAsync(db, view, filter, figures, incidentId, cursor, limit,
                configuration.GetValue("Reads:CurrentWalkBudget", CurrentFigures.WalkBudget), ct)
            : (await filter.Rate(view, figures).OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToListAsync(ct), null);
        var names = await view.SourcesAsync(rows.Select(r => r.Figure.SourceId), ct);
        var items = rows.Take(limit).Select(r => SourcedFigure.From(r, names)).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List.List, items[^1].StatedAt, items[^1].Id)
            : goOnAfter is { } p ? Cursor.Encode(List.List, p.StatedAt, p.Id) : null;
        return TypedResults.Ok(new Page<SourcedFigure>(items, next));
    }
}
