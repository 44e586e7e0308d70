using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// One row per incident-wide series of an incident, ordered by <see cref="SeriesOrder"/>, listed and counted by
/// <see cref="SeriesCounts"/> (counts kept at write time, so a long series costs what a short one does). Each source's latest standing figure
/// comes from <see cref="LatestPerSource"/>; headline and range follow from those few rows, because
/// a current figure is always its source's latest standing one. Event-level figures never make series rows:
/// they are summed into <see cref="EventSums"/> on the row without scope, which exists for them when the incident has none.
/// </summary>
public static class IncidentFigures
{
    private static readonly CursorList List = new("incident-figures", [CursorKey.Text]);

    private sealed record Row(string SortKey, Metric Metric, string? Subject, ScopeDto? Scope, string Unit, string? SeriesKey, int RevisionCount);

    public static async Task<Results<Ok<Page<SeriesSummary>>, ProblemResult>> Handle(string incident, SeriesFilter filter, TimeTravel time, [PagedBy(nameof(List))] PageRequest paging,
        HttpContext http, UnrestDb db, HistoryMemo memo, CancellationToken ct)
    {
        if (await db.IncidentIdAsync(incident, time.RecordedAt, ct) is not { } incidentId)
        {
            return Problems.NotFound("incident", incident);
        }
        // "Now" is read in the snapshot whose newest write W the answer names: W is the prefix the memo keys it by, and the page
        // of the present is remembered per write, so a dashboard polling between writes pays only for the JSON.
        var known = HistoryAnswer.PrefixOf(http, db, time);
        var request = new SeriesPage(incidentId, filter, paging.Limit, paging.After?[0].GetString() ?? "");
        var page = await memo.RememberedAsync(http, db, time, ct => ReadPageAsync(db, memo, new ClaimView(db, time), request, known, ct),
            page => page.Items.Sum(i => 1 + i.PerSource.Count + i.EventSums.Count), ct);
        return TypedResults.Ok(page);
    }

    private sealed record SeriesPage(Guid Incident, SeriesFilter Filter, int Limit, string AfterKey);

    private static async Task<Page<SeriesSummary>> ReadPageAsync(
        UnrestDb db, HistoryMemo memo, ClaimView view, SeriesPage request, HistoryPrefix? known, CancellationToken ct)
    {
        var (incidentId, (metric, subject, sourceKind), limit, afterKey) = request;
        var time = view.Time;
        List<Guid>? sources = null;
        if (sourceKind is { } kind)
        {
            sources = await db.SourceVersions.AsRecordedAt(time.RecordedAt).Where(v => v.Kind == kind).Select(v => v.Id).ToListAsync(ct);
        }

        var wide = (await SeriesCounts.OfIncidentAsync(db, view, incidentId, metric, subject, sources, ct)).Select(RowOf)
            .Where(r => SeriesOrder.Bytes.Compare(r.SortKey, afterKey) > 0).ToList();
        var (groups, combined) = await Combined.WithSumsAsync(db, memo, view, incidentId, metric, subject, sourceKind, known, ct);
        var sums = groups.Where(g => SeriesOrder.Bytes.Compare(g.RowKey(incidentId), afterKey) > 0).ToLookup(g => g.RowKey(incidentId));
        var wideKeys = wide.Select(r => r.SortKey).ToHashSet();
        var eventOnly = sums.Where(g => !wideKeys.Contains(g.Key))
            .Select(g => new Row(g.Key, g.First().Metric, g.First().Subject, null, g.First().Unit, null, 0));
        var rows = wide.Concat(eventOnly).OrderBy(r => r.SortKey, SeriesOrder.Bytes).Take(limit + 1).ToList();
        var page = rows.Take(limit).ToList();

        var perSource = await view.LatestPerSourceAsync(db, page.Where(r => r.SeriesKey is not null).Select(r => r.SeriesKey!).ToList(), ct);
        var names = perSource.Where(r => r.Source is not null).Select(r => r.Source!).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var roots = perSource.Any(r => r.HasParent) ? await SourceRoots.OfAsync(db, time.RecordedAt, names.Keys, ct) : SourceRoots.OwnRoots;
        var bySeries = perSource.Where(r => sourceKind is null || r.Source?.Kind == sourceKind).Select(r => r.Rated)
            .ToLookup(r => r.Figure.SeriesKey);

        var items = page.Select(row =>
        {
            var (headline, sourced, range) = Summarise(row.SeriesKey is null ? [] : bySeries[row.SeriesKey], names);
            var eventSums = row.Scope is null ? EventSums.Of(sums[row.SortKey]) : [];
            return new SeriesSummary(row.Metric, row.Subject, row.Scope, row.Unit, headline, sourced, range, row.RevisionCount, eventSums)
            {
                Combined = row.Scope is null ? combined.GetValueOrDefault(row.SortKey, CombinedRange.None) : null,
                IndependentSources = roots.Count(sourced.Where(s => s.Status == FigureStatus.Current && s.Source is not null).Select(s => s.Source!.Id)),
            };
        }).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List.List, page[^1].SortKey) : null;
        return new Page<SeriesSummary>(items, next);
    }

    /// <summary>
    /// One incident-wide series as a row of this list shows it (headline, perSource, range) at each of the given asOf, all in
    /// one statement (<see cref="LatestPerSource.LatestPerSourceAtEachAsync"/>), then its figures and sources: what
    /// <c>figures/over-time</c> answers per bucket.
    /// </summary>
    public static async Task<List<(SourcedFigure? Headline, List<SourcedFigure> PerSource, FigureRange Range)>> SeriesAtEachAsync(
        UnrestDb db, string seriesKey, DateTimeOffset[] moments, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var answering = await AnsweringAsync(db, seriesKey, moments, ct);
        var asked = answering.Distinct().Select(i => moments[i]).ToArray();
        var latest = await LatestPerSource.LatestPerSourceAtEachAsync(db, seriesKey, asked, recordedAt, ct);
        var ids = latest.Select(r => r.Id).Distinct().ToList();
        var figures = (await db.FigureVersions.AsNoTracking().Where(f => ids.Contains(f.Id)).ToListAsync(ct)).ToDictionary(f => (f.Id, f.Version));
        var names = await db.SourceBriefsAsync(figures.Values.Select(f => f.SourceId).Distinct(), recordedAt, ct);
        var byMoment = latest.ToLookup(r => r.AsOf, r => new RatedFigure { Figure = figures[(r.Id, r.Version)], StatusName = r.Status });
        var answers = asked.ToDictionary(m => m, m => Summarise(byMoment[m], names));
        return answering.Select(i => answers[moments[i]]).ToList();
    }

    /// <summary>
    /// For each of the ascending moments, the one whose answer it shares: itself when a <c>standing_moments</c> of the series lies
    /// after the moment before it (or it is the first), else that one's. When the series changes at least as often as it is asked, each answers for itself.
    /// </summary>
    private static async Task<int[]> AnsweringAsync(UnrestDb db, string seriesKey, DateTimeOffset[] moments, CancellationToken ct)
    {
        var answering = Enumerable.Range(0, moments.Length).ToArray();
        if (moments.Length < 2)
        {
            return answering;
        }
        var changes = await db.Database.SqlQuery<DateTimeOffset>($"""
            SELECT m AS "Value" FROM standing_moments({seriesKey}) m WHERE m > {moments[0]} AND m <= {moments[^1]} LIMIT {moments.Length}
            """).ToListAsync(ct);
        if (changes.Count == moments.Length)
        {
            return answering;
        }
        changes.Sort();
        var next = 0;
        for (var i = 1; i < moments.Length; i++)
        {
            while (next < changes.Count && changes[next] <= moments[i - 1])
            {
                next++;
            }
            answering[i] = next < changes.Count && changes[next] <= moments[i] ? i : answering[i - 1];
        }
        return answering;
    }

    private static (SourcedFigure? Headline, List<SourcedFigure> PerSource, FigureRange Range) Summarise(
        IEnumerable<RatedFigure> latestPerSource, IReadOnlyDictionary<Guid, SourceBrief> names)
    {
        var latest = ClaimView.LatestFirst(latestPerSource).ToList();
        var current = latest.Where(r => r.Status == FigureStatus.Current).Select(r => r.Figure).ToList();
        var range = new FigureRange(current.Select(f => f.Low ?? f.Value).Min(), current.Select(f => f.High ?? f.Value).Max());
        // Two figures of one statement can tie as a source's latest: both count in the range, perSource shows one.
        var sourced = latest.DistinctBy(r => r.Figure.SourceId).Select(r => SourcedFigure.From(r, names)).ToList();
        return (sourced.FirstOrDefault(), sourced, range);
    }

    private static Row RowOf(SeriesCounts.Row s) => new(SeriesOrder.SortKey(s.SeriesKey), EnumText.Parse<Metric>(s.Metric), s.Subject,
        s.ScopeCountry is null && s.ScopeAdmin1 is null && s.ScopePlace is null ? null : new ScopeDto(s.ScopeCountry, s.ScopeAdmin1, s.ScopePlace),
        s.Unit, s.SeriesKey, s.RevisionCount);
}

/// <summary>The filters of an incident's series: what is counted, who within it, and which kind of source said it.</summary>
public sealed record SeriesFilter(Metric? Metric, string? Subject, SourceKind? SourceKind) : IQueryParameters<SeriesFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        QueryDocs.Enum<Metric>("metric", "What is counted."),
        new("subject", "Who is counted within the metric, e.g. children."),
        QueryDocs.Enum<SourceKind>("sourceKind", "Only figures from sources of this kind."),
    ];

    public static SeriesFilter Read(QueryReader query, ParameterInfo parameter) =>
        new(query.Enum<Metric>("metric"), query.Text("subject"), query.Enum<SourceKind>("sourceKind"));
}
