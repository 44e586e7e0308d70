using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>Figures of statements not withdrawn, ordered by (statedAt, id), each with its status; CSV streams the whole filtered set.</summary>
public static class ListFigures
{
    private const string List = "figures";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var filter = FigureFilter.Read(query);
        var time = query.TimeTravel();
        var (format, limit, after) = query.ListOrExport(http.Request, List, [CursorKey.Timestamp, CursorKey.Id], ExportFormat.Csv);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        if (format != ExportFormat.Json)
        {
            return await ExportFigures.HandleAsync(http, db, view, filter, ct);
        }
        var (filtered, missing) = await filter.ApplyAsync(db, view, ct);
        if (filtered is not { } figures)
        {
            return missing!;
        }
        if (after is not null)
        {
            var (at, id) = (after[0].GetDateTimeOffset(), after[1].GetGuid());
            figures = figures.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.StatedAt, f.Id), ValueTuple.Create(at, id)));
        }
        var rows = filter.Status == FigureStatus.Current
            ? await CurrentPageAsync(filter, view, figures, limit, ct)
            : await filter.Rate(view, figures).OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToListAsync(ct);
        var names = await view.SourcesAsync(rows.Select(r => r.Figure.SourceId), ct);
        var items = rows.Take(limit).Select(r => SourcedFigure.From(r, names)).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].StatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<SourcedFigure>(items, next));
    }

    /// <summary>
    /// Incident-wide current figures are a few candidates: ordering them here beats letting the planner walk the (statedAt, id)
    /// index past every revision. Nearly every event-level figure is current, so that walk stops after a page. The two merge.
    /// </summary>
    private static async Task<List<RatedFigure>> CurrentPageAsync(FigureFilter filter, ClaimView view, IQueryable<FigureVersion> figures, int limit, CancellationToken ct)
    {
        var wide = filter.Level == SeriesLevel.Event || filter.Event is not null ? []
            : await filter.Rate(view, figures.Where(f => f.EventId == null)).ToListAsync(ct);
        var events = filter.Level == SeriesLevel.Incident ? []
            : await filter.Rate(view, figures.Where(f => f.EventId != null))
                .OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToListAsync(ct);
        return wide.Concat(events).OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToList();
    }
}
