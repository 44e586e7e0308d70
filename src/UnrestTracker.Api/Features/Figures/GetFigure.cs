using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Figures;

public static class GetFigure
{
    public static async Task<IResult> Handle(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var found = Guid.TryParse(id, out var figureId)
            ? await view.WithStatus(view.FiguresIncludingWithdrawn().Where(f => f.Id == figureId)).FirstOrDefaultAsync(ct)
            : null;
        if (found is null)
        {
            return Problems.NotFound("figure", id);
        }
        var names = await view.SourcesAsync([found.Figure.SourceId], ct);
        return Representation.Ok(http, SourcedFigure.From(found, names));
    }

    /// <summary>
    /// The figure's whole series at the moment asked, ordered by (statedAt, asOf, id), retracted ones included.
    /// One series is small, so it is assembled in memory.
    /// </summary>
    public static async Task<IResult> Revisions(string id, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
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
        var series = await view.WithStatus(view.Figures().Where(f => f.SeriesKey == seriesKey))
            .OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.AsOf).ThenBy(r => r.Figure.Id).ToListAsync(ct);
        var names = await view.SourcesAsync(series.Select(r => r.Figure.SourceId), ct);
        var items = new List<FigureRevision>(series.Count);
        decimal? previous = null;
        var seenStanding = false;
        foreach (var figure in series.Select(r => SourcedFigure.From(r, names)))
        {
            items.Add(FigureRevision.From(figure, seenStanding ? figure.Value - previous : null));
            if (figure.Status != FigureStatus.Retracted)
            {
                (previous, seenStanding) = (figure.Value, true);
            }
        }
        return TypedResults.Ok(new Page<FigureRevision>(items, null));
    }
}
