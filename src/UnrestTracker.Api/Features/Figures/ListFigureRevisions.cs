using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
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
    private static readonly Keyset<FigureVersion> Order = new("figure-revisions", f => f.StatedAt, f => f.AsOf, f => f.Id);

    public static async Task<Results<Ok<Page<FigureRevision>>, ProblemResult>> Handle(string id, TimeTravel time, [PagedBy(nameof(Order))] PageRequest paging, UnrestDb db, CancellationToken ct)
    {
        var (limit, after) = (paging.Limit, paging.After);
        var view = new ClaimView(db, time);
        var seriesKey = Guid.TryParse(id, out var figureId)
            ? await view.FiguresIncludingWithdrawn().Where(f => f.Id == figureId).Select(f => f.SeriesKey).FirstOrDefaultAsync(ct)
            : null;
        if (seriesKey is null)
        {
            return Problems.NotFound("figure", id);
        }
        var series = view.Figures().Where(f => f.SeriesKey == seriesKey);
        decimal? previous = null;
        var seenStanding = false;
        if (after is not null)
        {
            var before = await Order.UpTo(view.Standing().Where(f => f.SeriesKey == seriesKey), after)
                .Select(f => new { f.Value }).FirstOrDefaultAsync(ct);
            (previous, seenStanding) = (before?.Value, before is not null);
        }
        var rows = await view.WithStatus(Order.Sort(Order.After(series, after))).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit, r => Order.KeysOf(r.Figure));
        var names = await view.SourcesAsync(page.Items.Select(r => r.Figure.SourceId), ct);
        var items = new List<FigureRevision>(page.Items.Count);
        foreach (var figure in page.Items.Select(r => SourcedFigure.From(r, names)))
        {
            items.Add(FigureRevision.From(figure, seenStanding ? figure.Value - previous : null));
            if (figure.Status != FigureStatus.Retracted)
            {
                (previous, seenStanding) = (figure.Value, true);
            }
        }
        return TypedResults.Ok(new Page<FigureRevision>(items, page.NextCursor));
    }
}
