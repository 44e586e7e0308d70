using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>Figures of statements not withdrawn, ordered by (statedAt, id), each with its status at the moment asked.</summary>
public static class ListFigures
{
    private const string List = "figures";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var incident = query.Text("incident");
        var metric = query.Enum<Metric>("metric");
        var subject = query.Text("subject");
        var status = query.Enum<FigureStatus>("status");
        var source = query.Id("source");
        var sourceKind = query.Enum<SourceKind>("sourceKind");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, 2);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var figures = view.Figures();
        Guid? incidentId = incident is null ? null : await db.IncidentIdAsync(incident, time.RecordedAt, ct);
        if (incidentId is not null)
        {
            figures = figures.Where(f => f.IncidentId == incidentId);
        }
        if (status == FigureStatus.Current)
        {
            // Current figures are rare among many revisions: start from the few candidates instead of filtering every figure.
            var candidates = await view.CurrentCandidatesAsync(db, incidentId, ct);
            figures = figures.Where(f => candidates.Contains(f.Id));
        }
        if (metric is { } m)
        {
            figures = figures.Where(f => f.Metric == m);
        }
        if (subject is not null)
        {
            figures = figures.Where(f => f.Subject == subject);
        }
        if (source is { } sourceId)
        {
            figures = figures.Where(f => f.SourceId == sourceId);
        }
        if (sourceKind is { } kind)
        {
            var sources = db.SourceVersions.AsRecordedAt(time.RecordedAt).Where(v => v.Kind == kind);
            figures = figures.Where(f => sources.Any(v => v.Id == f.SourceId));
        }
        if (after is not null)
        {
            var (at, id) = (after[0].GetDateTimeOffset(), after[1].GetGuid());
            figures = figures.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.StatedAt, f.Id), ValueTuple.Create(at, id)));
        }
        var rated = ClaimView.WithStatusFilter(view.WithStatus(figures), status);
        // With few candidates, ordering them here beats letting the planner walk the (statedAt, id) index past every figure.
        var rows = status == FigureStatus.Current
            ? (await rated.ToListAsync(ct)).OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToList()
            : await rated.OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Take(limit + 1).ToListAsync(ct);
        var names = await view.SourcesAsync(rows.Select(r => r.Figure.SourceId), ct);
        var items = rows.Take(limit).Select(r => SourcedFigure.From(r, names)).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].StatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<SourcedFigure>(items, next));
    }
}
