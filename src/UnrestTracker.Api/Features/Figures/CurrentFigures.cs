using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The figure list filtered to <c>status=current</c>. "Now" the writes keep every figure's status (figure_status_now), so a
/// page reads the current figures in order from its index. At another moment current figures are the latest of their series,
/// so in the list's (statedAt, id) order they gather at the end: a walk from the start rates every superseded revision before
/// the first current one. Instead the candidates, each (series, source)'s latest standing figure at the moment asked (a superset of
/// the current figures: a current figure has no later standing one from its source), are listed for the request's incident;
/// a page then rates only the next few candidates in order, by the one
/// definition in <see cref="ClaimView.WithStatus"/>, with every other filter applied, until it has a page. Of the whole database
/// at another moment the candidates cost a probe per (series, source) of the database, more than any request may: the list is
/// walked from the cursor instead, and a walk that rates <see cref="WalkBudget"/> figures without filling the page answers what
/// it found with a cursor to go on from (a page may then hold fewer items than asked, or none, and still have a next one).
/// </summary>
public static class CurrentFigures
{
    /// <summary>A position in the list: its sort key.</summary>
    public readonly record struct Position(DateTimeOffset StatedAt, Guid Id);

    /// <summary>One candidate: the list's sort key, and what the level, metric and source filters test, so they skip it here.</summary>
    private readonly record struct Candidate(DateTimeOffset StatedAt, Guid Id, bool EventLevel, Metric Metric, Guid SourceId) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other) =>
            StatedAt != other.StatedAt ? StatedAt.CompareTo(other.StatedAt) : Id.CompareTo(other.Id);
    }

    /// <summary>How many figures a walk of the whole database at another moment rates at most before it answers (<c>Reads:CurrentWalkBudget</c>).</summary>
    public const int WalkBudget = 8_192;

    /// <summary>
    /// Up to <paramref name="limit"/> + 1 current figures of <paramref name="figures"/> (the filtered list) after the cursor,
    /// in (statedAt, id) order, and where to go on from when the page is short because the walk's budget ran out.
    /// </summary>
    public static async Task<(List<RatedFigure> Rows, Position? GoOnAfter)> PageAsync(UnrestDb db, ClaimView view,
        FigureFilter filter, IQueryable<FigureVersion> figures, Guid? incidentId, Position? after, int limit, int walkBudget, CancellationToken ct)
    {
        var page = new List<RatedFigure>();
        async Task<bool> FilledBy(IEnumerable<Guid> chunk)
        {
            var ids = chunk.ToList();
            page.AddRange(await filter.Rate(view, figures.Where(f => ids.Contains(f.Id)))
                .OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).ToListAsync(ct));
            return page.Count > limit;
        }
        if (view.Time.IsNow)
        {
            // The writes keep every status (figure_status_now): the current figures are read in order from its index.
            for (var size = limit + 1; ; size = Math.Min(size * 4, 4096))
            {
                var chunk = await NowAsync(db, filter, incidentId, after, size, ct);
                if (chunk.Count == 0 || await FilledBy(chunk.Select(c => c.Id)) || chunk.Count < size)
                {
                    break;
                }
                after = chunk[^1];
            }
            return (page.Take(limit + 1).ToList(), null);
        }
        if (incidentId is null)
        {
            // At another moment, the whole database: walked in order, within the budget.
            for (int size = limit + 1, rated = 0; rated < walkBudget; size = Math.Min(size * 4, 4096))
            {
                var (statedAt, id) = after is { } a ? (a.StatedAt, a.Id) : (DateTimeOffset.MinValue, Guid.Empty);
                var chunk = await figures.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.StatedAt, f.Id), ValueTuple.Create(statedAt, id)))
                    .OrderBy(f => f.StatedAt).ThenBy(f => f.Id).Take(size).Select(f => new Position(f.StatedAt, f.Id)).ToListAsync(ct);
                if (chunk.Count == 0 || await FilledBy(chunk.Select(c => c.Id)) || chunk.Count < size)
                {
                    return (page.Take(limit + 1).ToList(), null);
                }
                (after, rated) = (chunk[^1], rated + chunk.Count);
            }
            return (page, after);
        }
        var candidates = await CandidatesAsync(db, view, incidentId.Value, ct);
        var start = 0;
        if (after is { } cursor)
        {
            // The first candidate after the cursor (the cursor's own figure, when a candidate, is not in the page).
            var found = Array.BinarySearch(candidates, new Candidate(cursor.StatedAt, cursor.Id, false, default, default));
            start = found >= 0 ? found + 1 : ~found;
        }
        var wanted = candidates.Skip(start).Where(c => (filter.Level is not { } level || c.EventLevel == (level == SeriesLevel.Event))
            && (filter.Metric is not { } metric || c.Metric == metric) && (filter.Source is not { } source || c.SourceId == source));
        foreach (var chunk in Chunks(wanted, limit + 1))
        {
            if (await FilledBy(chunk.Select(c => c.Id)))
            {
                break;
            }
        }
        return (page.Take(limit + 1).ToList(), null);
    }

    /// <summary>The next <paramref name="size"/> current figures after <paramref name="after"/> "now", the cheap filters applied.</summary>
    private static async Task<List<Position>> NowAsync(UnrestDb db, FigureFilter filter, Guid? incidentId, Position? after, int size, CancellationToken ct)
    {
        var (statedAt, id) = after is { } a ? (a.StatedAt, a.Id) : (DateTimeOffset.MinValue, Guid.Empty);
        bool? eventLevel = filter.Level is { } level ? level == SeriesLevel.Event : null;
        var metric = filter.Metric is { } m ? EnumText.Name(m) : null;
        var rows = await db.Database.SqlQuery<PositionRow>($"""
            SELECT n.stated_at, n.figure_id AS id FROM figure_status_now n
            WHERE n.status = 'current' AND ({incidentId}::uuid IS NULL OR n.incident_id = {incidentId}::uuid)
              AND (n.stated_at, n.figure_id) > ({statedAt}, {id})
              AND ({eventLevel}::boolean IS NULL OR (n.event_id IS NOT NULL) = {eventLevel}::boolean)
              AND ({filter.Source}::uuid IS NULL OR n.source_id = {filter.Source}::uuid)
              AND ({metric}::text IS NULL OR EXISTS (
                  SELECT 1 FROM figure_versions f WHERE f.id = n.figure_id AND f.version = n.version AND f.metric = {metric}::text))
            ORDER BY n.stated_at, n.figure_id
            LIMIT {size}
            """).ToListAsync(ct);
        return rows.Select(r => new Position(r.StatedAt, r.Id)).ToList();
    }

    /// <summary>Chunks of growing size: a page's worth first, then four times more each time, up to 4,096.</summary>
    private static IEnumerable<List<Candidate>> Chunks(IEnumerable<Candidate> candidates, int first)
    {
        var chunk = new List<Candidate>(first);
        var size = first;
        foreach (var candidate in candidates)
        {
            chunk.Add(candidate);
            if (chunk.Count == size)
            {
                yield return chunk;
                (chunk, size) = ([], Math.Min(size * 4, 4096));
            }
        }
        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>Each (series, source)'s latest standing figure of one incident, sorted by (statedAt, id).</summary>
    private static async Task<Candidate[]> CandidatesAsync(UnrestDb db, ClaimView view, Guid incidentId, CancellationToken ct)
    {
        var (recordedAt, asOf) = (view.Time.RecordedAt, view.Time.AsOf ?? DateTimeOffset.MaxValue);
        // Incident-wide series: the per-pair walk of LatestPerSource. Event-level ones (a series per event, a few figures each):
        // the standing figures with no later standing one, one index probe each.
        var wide = await view.LatestPerSourceIdsAsync(db, incidentId, ct);
        var events = await db.Database.SqlQuery<EventCandidate>($"""
            SELECT f.stated_at, f.id, f.metric, f.source_id FROM standing_figures({asOf}, {recordedAt}) f
            WHERE f.event_id IS NOT NULL AND f.incident_id = {incidentId}
              AND NOT EXISTS (SELECT 1 FROM standing_figures({asOf}, {recordedAt}) g
                              WHERE g.series_key = f.series_key AND g.source_id = f.source_id
                                AND is_later(g.as_of, g.stated_at, g.created_at, f.as_of, f.stated_at, f.created_at))
            """).ToListAsync(ct);
        var candidates = wide.Select(w => new Candidate(w.StatedAt, w.Id, false, w.Metric, w.SourceId))
            .Concat(events.Select(e => new Candidate(e.StatedAt, e.Id, true, EnumText.Parse<Metric>(e.Metric), e.SourceId))).ToArray();
        Array.Sort(candidates);
        return candidates;
    }

    private sealed class PositionRow
    {
        public DateTimeOffset StatedAt { get; init; }
        public Guid Id { get; init; }
    }

    private sealed class EventCandidate
    {
        public DateTimeOffset StatedAt { get; init; }
        public Guid Id { get; init; }
        public string Metric { get; init; } = "";
        public Guid SourceId { get; init; }
    }
}
