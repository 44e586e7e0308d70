using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// One row per series of an incident, ordered by metric, then subject (none first), scope and unit. Each source's latest standing figure
/// comes from <see cref="LatestPerSource"/>; headline and range follow from those few rows, because
/// a current figure is always its source's latest standing one.
/// </summary>
public static class IncidentFigures
{
    private const string List = "incident-figures";
    private const string Separator = "|";
    private const string SortSeparator = "\u0001";

    public static async Task<IResult> Handle(string incident, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var metric = query.Enum<Metric>("metric");
        var subject = query.Text("subject");
        var sourceKind = query.Enum<SourceKind>("sourceKind");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, CursorKey.Text);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        var view = new ClaimView(db, time);
        IQueryable<FigureVersion> Filter(IQueryable<FigureVersion> figures)
        {
            figures = figures.Where(f => f.IncidentId == found.Id);
            if (metric is { } m)
            {
                figures = figures.Where(f => f.Metric == m);
            }
            if (subject is not null)
            {
                figures = figures.Where(f => f.Subject == subject);
            }
            if (sourceKind is { } kind)
            {
                var sources = db.SourceVersions.AsRecordedAt(time.RecordedAt).Where(v => v.Kind == kind);
                figures = figures.Where(f => sources.Any(v => v.Id == f.SourceId));
            }
            return figures;
        }

        var all = Filter(view.Figures());
        var afterKey = after?[0].GetString() ?? "";
        // Series sort by their key with the separator lowered below every character, so that within a
        // metric the whole-incident series (no subject) comes before "children", "civilians", ...
        // Byte order ("C") whatever the database's collation, which may ignore control characters.
        var series = await all
            .Where(f => string.Compare(EF.Functions.Collate(f.SeriesKey.Replace(Separator, SortSeparator), "C"), afterKey) > 0)
            .GroupBy(f => new { f.SeriesKey, f.Metric, f.Subject, f.ScopeCountry, f.ScopeAdmin1, f.ScopePlace, f.Unit })
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderBy(g => EF.Functions.Collate(g.Key.SeriesKey.Replace(Separator, SortSeparator), "C")).Take(limit + 1).ToListAsync(ct);
        var keys = series.Take(limit).Select(s => s.Key.SeriesKey).ToList();

        var perSource = await view.LatestPerSourceAsync(db, keys, ct);
        var names = await view.SourcesAsync(perSource.Select(r => r.Figure.SourceId), ct);
        var bySeries = perSource.Where(r => sourceKind is null || names.GetValueOrDefault(r.Figure.SourceId)?.Kind == sourceKind)
            .ToLookup(r => r.Figure.SeriesKey);

        var items = series.Take(limit).Select(s =>
        {
            var rows = bySeries[s.Key.SeriesKey].OrderByDescending(r => r.Figure.AsOf).ThenByDescending(r => r.Figure.StatedAt)
                .ThenByDescending(r => r.Figure.Id)
                .ToList();
            var current = rows.Where(r => r.Status == FigureStatus.Current).Select(r => r.Figure).ToList();
            var range = new FigureRange(current.Select(f => f.Low ?? f.Value).Min(), current.Select(f => f.High ?? f.Value).Max());
            var scope = s.Key.ScopeCountry is null && s.Key.ScopeAdmin1 is null && s.Key.ScopePlace is null
                ? null : new ScopeDto(s.Key.ScopeCountry, s.Key.ScopeAdmin1, s.Key.ScopePlace);
            var sourced = rows.Select(r => SourcedFigure.From(r, names)).ToList();
            return new SeriesSummary(s.Key.Metric, s.Key.Subject, scope, s.Key.Unit, sourced.FirstOrDefault(), sourced, range, s.Count);
        }).ToList();
        var next = series.Count > limit ? Cursor.Encode(List, keys[^1].Replace(Separator, SortSeparator)) : null;
        return TypedResults.Ok(new Page<SeriesSummary>(items, next));
    }
}
