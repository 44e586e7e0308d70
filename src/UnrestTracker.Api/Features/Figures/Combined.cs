using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// eventSums with each cluster of linked events counted once: per cluster, each source's greatest low and greatest high
/// of its figures on the cluster's events; the cluster's range runs from the least of those lows to the greatest of those
/// highs; the row's range sums the clusters'. Clusters, events and sources count what carries a summed figure.
/// </summary>
public sealed record CombinedRange(int Clusters, int Events, int Sources, decimal? Low, decimal? High)
{
    public static readonly CombinedRange None = new(0, 0, 0, null, null);
}

/// <summary>
/// eventSums and the combined ranges of an incident's series rows. The combining rule is stated once, in SQL
/// (<see cref="CombinedSql"/>); a deleted event still joins its cluster, through the links, but brings no figure.
/// </summary>
public static class Combined
{
    /// <summary>The ranges' inputs: the incident and filters, and the stamp of the counted event figures and clusters (or, without it, the prefix).</summary>
    private sealed record Key(Guid Incident, string? Metric, string? Subject, string? SourceKind, long? Stamp, HistoryPrefix? Prefix);

    /// <summary>
    /// eventSums and the combined range of each series row with event-level figures (by the row's sort key). "Now": the
    /// sums the writes keep, and the ranges from the counted figures and clusters the writes keep, once per change of either
    /// (<see cref="HistoryMemo"/>, keyed by their stamp: a link, an unlink or an event-level figure takes a new one). Another moment: both in one
    /// statement, from one pass over the incident's counted figures (their status probes are the whole cost).
    /// </summary>
    public static async Task<(List<EventSums.Group> Sums, Dictionary<string, CombinedRange> ByRow)> WithSumsAsync(
        UnrestDb db, HistoryMemo memo, ClaimView view, Guid incidentId, Metric? metric, string? subject, SourceKind? sourceKind,
        HistoryPrefix? known, CancellationToken ct)
    {
        var time = view.Time;
        var (metricName, kindName) = (metric is { } m ? EnumText.Name(m) : null, sourceKind is { } k ? EnumText.Name(k) : null);
        if (!time.IsNow)
        {
            var day = time.AsOf is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : DateOnly.MaxValue;
            var rows = await EventSums.ReadAsync(db, CombinedSql.AtMoment(
                incidentId, time.RecordedAt, time.AsOf ?? DateTimeOffset.MaxValue, day, metricName, subject, kindName), ct);
            return (EventSums.GroupsOf(rows), ByRow(rows));
        }
        var sums = EventSums.GroupsOf(await EventSums.ReadAsync(db, EventSumsSql.Query(incidentId, time.RecordedAt, metricName, subject, kindName), ct));
        // In the request's snapshot, and unless source kinds count (a source's edit moves no stamp), the ranges are remembered
        // per stamp (migration EventFiguresStamp): a write with only incident-wide figures leaves them as they were.
        long? stamp = known is not null && kindName is null
            ? await db.Database.SqlQuery<long>($"SELECT coalesce((SELECT n FROM event_figures_stamp), 0) AS \"Value\"").SingleAsync(ct)
            : null;
        var byRow = await memo.GetOrComputeAsync(db, time, prefix => new Key(incidentId, metricName, subject, kindName, stamp, stamp is null ? prefix : null), async ct =>
        {
            var byRow = ByRow(await EventSums.ReadAsync(db, CombinedSql.Now(incidentId, time.RecordedAt, metricName, subject, kindName), ct));
            return (byRow, byRow.Count);
        }, ct, known);
        return (sums, byRow);
    }

    private static Dictionary<string, CombinedRange> ByRow(IEnumerable<EventSideRow> rows) => rows.Where(r => r.Kind == EventSideRow.Combined)
        .ToDictionary(r => SeriesOrder.SortKey(r.SeriesKey), r => new CombinedRange(r.Clusters, r.Events, r.Sources, r.Low, r.High));
}

/// <summary>
/// The combined ranges in SQL: "now" from the counted figures (event_figures_now) and the clusters (event_clusters_now) the
/// writes keep; at another moment from the figures counted then (<see cref="EventSumsSql.Counted"/>, the one rule of what
/// eventSums counts) and the clusters the standing links made then, with each source's sums beside them from the same pass.
/// </summary>
internal static class CombinedSql
{
    /// <summary>
    /// The rule, once: the counted figures in their clusters (<paramref name="clusters"/>: event_id, cluster_id; an event in
    /// none is its own), per cluster each source's greatest low and greatest high, the cluster's range from the least of
    /// those lows to the greatest of those highs, and the row's range their sums; clusters, events and sources counted per row.
    /// </summary>
    private static FormattableString Combine(Guid incident, FormattableString clusters) => SqlText.Concat($"""
        , clustered AS (
            SELECT f.metric, f.subject, f.unit, f.source_id, f.event_id, coalesce(c.cluster_id, f.event_id) AS cluster_id,
                   coalesce(f.low, f.value) AS low, coalesce(f.high, f.value) AS high
            FROM counted f LEFT JOIN
        """, clusters, $"""
                c ON c.event_id = f.event_id
        ), per_source AS (
            SELECT c.metric, c.subject, c.unit, c.cluster_id, c.source_id, max(c.low) AS low, max(c.high) AS high
            FROM clustered c GROUP BY c.metric, c.subject, c.unit, c.cluster_id, c.source_id
        ), per_cluster AS (
            SELECT s.metric, s.subject, s.unit, min(s.low) AS low, max(s.high) AS high
            FROM per_source s GROUP BY s.metric, s.subject, s.unit, s.cluster_id
        ), ranges AS (
            SELECT k.metric, k.subject, k.unit, count(*)::int AS clusters, sum(k.low) AS low, sum(k.high) AS high
            FROM per_cluster k GROUP BY k.metric, k.subject, k.unit
        ), counts AS (
            SELECT c.metric, c.subject, c.unit, count(DISTINCT c.event_id)::int AS events, count(DISTINCT c.source_id)::int AS sources
            FROM clustered c GROUP BY c.metric, c.subject, c.unit
        ), combined AS (
            SELECT {EventSideRow.Combined}::text AS kind, r.metric, r.subject, r.unit, NULL::uuid AS source_id, n.events, 0 AS valued,
                   NULL::numeric AS value, CASE WHEN abs(r.low) <= {EventSumsSql.MaxSum} THEN r.low END AS low,
                   CASE WHEN abs(r.high) <= {EventSumsSql.MaxSum} THEN r.high END AS high,
                   coalesce(greatest(abs(r.low), abs(r.high)) > {EventSumsSql.MaxSum}, false) AS beyond,
                   NULL::text AS source_name, NULL::text AS source_kind,
                   series_key_of({incident}, NULL, r.metric, r.subject, NULL, NULL, NULL, r.unit) AS series_key, r.clusters, n.sources
            FROM ranges r JOIN counts n ON n.metric = r.metric AND n.unit = r.unit AND n.subject IS NOT DISTINCT FROM r.subject
        )
        """);

    /// <summary>The combined ranges "now", one row per series row.</summary>
    public static FormattableString Now(Guid incident, DateTimeOffset recordedAt, string? metric, string? subject, string? sourceKind) =>
        SqlText.Concat(EventSumsSql.Counted(incident, recordedAt, DateTimeOffset.MaxValue, DateOnly.MaxValue, metric, subject, sourceKind, now: true, withEvents: false),
            Combine(incident, SqlText.Raw("event_clusters_now")), $"SELECT * FROM combined");

    /// <summary>
    /// At another moment: each source's sums (kind "sum") and each row's combined range (kind "combined"), from one pass over
    /// the figures counted then, in the clusters of the links standing then (<c>event_clusters_at</c>).
    /// </summary>
    public static FormattableString AtMoment(
        Guid incident, DateTimeOffset recordedAt, DateTimeOffset asOf, DateOnly day, string? metric, string? subject, string? sourceKind) =>
        SqlText.Concat(EventSumsSql.Counted(incident, recordedAt, asOf, day, metric, subject, sourceKind),
            Combine(incident, $"event_clusters_at(ARRAY(SELECT DISTINCT f.event_id FROM counted f), {recordedAt})"), $"""
        , sums AS (
            SELECT f.metric, f.subject, f.unit, f.source_id, count(*)::int AS events, count(f.value)::int AS valued,
                   sum(f.value) AS value, sum(coalesce(f.low, f.value)) AS low, sum(coalesce(f.high, f.value)) AS high
            FROM counted f
            GROUP BY f.metric, f.subject, f.unit, f.source_id
        )
        """, EventSumsSql.SelectSums(incident, recordedAt), $"""
        UNION ALL SELECT * FROM combined
        """);
}
