using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The figure's whole series at the moment asked, ordered by (statedAt, asOf, id), retracted ones
/// included, paged like every list. A page's first change looks back past the cursor for the
/// previous standing value, so pages read the same as one long list.
/// </summary>
public static class ListFigureRevisions
{
    private const string List = "figure-revisions";

    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, CursorKey.Timestamp, CursorKey.Timestamp, CursorKey.Id);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var seriesKey = Guid.TryParse(id, out var figureId)
            ? await view.FiguresIncludingWithdrawn().Where(f => f.Id == figureId).Select(f => f.SeriesKey).FirstOrDefaultAsync(ct)
            : null;
        if (seriesKey is null)
        {
            return Problems.NotFound("figure", id);
        }
        var series = view.Figures().Where(f => f.SeriesKey == seriesKey);
        var standing = view.Standing().Where(f => f.SeriesKey == seriesKey);
        decimal? previous = null;
        var seenStanding = false;
        if (after is not null)
        {
            var (stated, asOf, lastId) = (after[0].GetDateTimeOffset(), after[1].GetDateTimeOffset(), after[2].GetGuid());
            series = series.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.StatedAt, f.AsOf, f.Id), ValueTuple.Create(stated, asOf, lastId)));
            var before = await standing
                .Where(f => EF.Functions.LessThanOrEqual(ValueTuple.Create(f.StatedAt, f.AsOf, f.Id), ValueTuple.Create(stated, asOf, lastId)))
                .OrderByDescending(f => f.StatedAt).ThenByDescending(f => f.AsOf).ThenByDescending(f => f.Id)
                .Select(f => new { f.Value }).FirstOrDefaultAsync(ct);
            (previous, seenStanding) = (before?.Value, before is not null);
        }
        var rows = await view.WithStatus(series)
            .OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.AsOf).ThenBy(r => r.Figure.Id).Take(limit + 1).ToListAsync(ct);
        var names = await view.SourcesAsync(rows.Select(r => r.Figure.SourceId), ct);
        var items = new List<FigureRevision>(Math.Min(rows.Count, limit));
        foreach (var figure in rows.Take(limit).Select(r => SourcedFigure.From(r, names)))
        {
            items.Add(FigureRevision.From(figure, seenStanding ? figure.Value - previous : null));
            if (figure.Status != FigureStatus.Retracted)
            {
                (previous, seenStanding) = (figure.Value, true);
            }
        }
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].StatedAt, items[^1].AsOf, items[^1].Id) : null;
        return TypedResults.Ok(new Page<FigureRevision>(items, next));
    }
}
