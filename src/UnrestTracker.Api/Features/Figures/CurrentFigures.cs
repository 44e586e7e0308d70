using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The figure list filtered to <c>status=current</c>. Current figures are the latest of their series, so in the list's
/// (statedAt, id) order they gather at the end: a walk from the start rates every superseded revision before the first
/// current one. Instead the candidates, each (series, source)'s latest standing figure at the moment asked (a superset of
/// the current figures: a current figure has no later standing one from its source), are listed once per history prefix
/// and remembered (<see cref="HistoryMemo"/>); a page then rates only the next few candidates in order, by the one
/// definition in <see cref="ClaimView.WithStatus"/>, with every other filter applied, until it has a page.
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

    private sealed record Key(Guid? Incident, HistoryPrefix Prefix);

    /// <summary>
    /// Up to <paramref name="limit"/> + 1 current figures of <paramref name="figures"/> (the filtered list) after the cursor,
    /// in (statedAt, id) order.
    /// </summary>
    public static async Task<List<RatedFigure>> PageAsync(UnrestDb db, HistoryMemo memo, ClaimView view, FigureFilter filter,
        IQueryable<FigureVersion> figures, Guid? incidentId, Position? after, int limit, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(db, memo, view, incidentId, ct);
        var start = 0;
        if (after is { } cursor)
        {
            // The first candidate after the cursor (the cursor's own figure, when a candidate, is not in the page).
            var found = Array.BinarySearch(candidates, new Candidate(cursor.StatedAt, cursor.Id, false, default, default));
            start = found >= 0 ? found + 1 : ~found;
        }
        var wanted = candidates.Skip(start).Where(c => (filter.Level is not { } level || c.EventLevel == (level == SeriesLevel.Event))
            && (filter.Metric is not { } metric || c.Metric == metric) && (filter.Source is not { } source || c.SourceId == source));
        var page = new List<RatedFigure>();
        foreach (var chunk in Chunks(wanted, limit + 1))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            page.AddRange(await filter.Rate(view, figures.Where(f => ids.Contains(f.Id)))
                .OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).ToListAsync(ct));
            if (page.Count > limit)
            {
                break;
            }
        }
        return page.Take(limit + 1).ToList();
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

    /// <summary>Each (series, source)'s latest standing figure, of one incident or of all, sorted by (statedAt, id).</summary>
    private static Task<Candidate[]> CandidatesAsync(UnrestDb db, HistoryMemo memo, ClaimView view, Guid? incidentId, CancellationToken ct)
    {
        var (recordedAt, asOf) = (view.Time.RecordedAt, view.Time.AsOf ?? DateTimeOffset.MaxValue);
        return memo.GetOrComputeAsync(db, view.Time, prefix => new Key(incidentId, prefix), async ct =>
        {
            if (view.Time.IsNow)
            {
                // "Now" the writes keep every figure's status (figure_status_now): the candidates are the current figures themselves.
                var now = await db.Database.SqlQuery<NowCandidate>($"""
                    SELECT f.stated_at, f.id, f.event_id IS NOT NULL AS event_level, f.metric, f.source_id
                    FROM figure_status_now n JOIN figure_versions f ON f.id = n.figure_id AND f.version = n.version
                    WHERE n.status = 'current' AND ({incidentId}::uuid IS NULL OR n.incident_id = {incidentId}::uuid)
                    """).ToListAsync(ct);
                var current = now.Select(c => new Candidate(c.StatedAt, c.Id, c.EventLevel, EnumText.Parse<Metric>(c.Metric), c.SourceId)).ToArray();
                Array.Sort(current);
                return (current, current.Length);
            }
            // Incident-wide series: the per-pair walk of LatestPerSource. Event-level ones (a series per event, a few figures each):
            // the standing figures with no later standing one, one index probe each.
            var wide = await view.LatestPerSourceIdsAsync(db, incidentId, ct);
            var events = await db.Database.SqlQuery<EventCandidate>($"""
                SELECT f.stated_at, f.id, f.metric, f.source_id FROM standing_figures({asOf}, {recordedAt}) f
                WHERE f.event_id IS NOT NULL AND ({incidentId}::uuid IS NULL OR f.incident_id = {incidentId}::uuid)
                  AND NOT EXISTS (SELECT 1 FROM standing_figures({asOf}, {recordedAt}) g
                                  WHERE g.series_key = f.series_key AND g.source_id = f.source_id
                                    AND is_later(g.as_of, g.stated_at, g.created_at, f.as_of, f.stated_at, f.created_at))
                """).ToListAsync(ct);
            var candidates = wide.Select(w => new Candidate(w.StatedAt, w.Id, false, w.Metric, w.SourceId))
                .Concat(events.Select(e => new Candidate(e.StatedAt, e.Id, true, EnumText.Parse<Metric>(e.Metric), e.SourceId))).ToArray();
            Array.Sort(candidates);
            return (candidates, candidates.Length);
        }, ct);
    }

    private sealed class NowCandidate
    {
        public DateTimeOffset StatedAt { get; init; }
        public Guid Id { get; init; }
        public bool EventLevel { get; init; }
        public string Metric { get; init; } = "";
        public Guid SourceId { get; init; }
    }

    private sealed class EventCandidate
    {
        public DateTimeOffset StatedAt { get; init; }
        public Guid Id { get; init; }
        public string Metric { get; init; } = "";
        public Guid SourceId { get; init; }
    }
}
