using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Events.Links;
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
/// The figures eventSums sums, one row per (series row, source, event), and the clusters of their events at the moment
/// asked (a deleted event still joins its cluster, through the links, but brings no figure).
/// </summary>
public static class Combined
{
    private sealed record Key(Guid Incident, string? Metric, string? Subject, string? SourceKind, HistoryPrefix Prefix);

    /// <summary>
    /// The combined range of each series row with event-level figures, by the row's sort key: like eventSums, "now" once per
    /// history prefix (<see cref="HistoryMemo"/>; a link or an unlink is a write, so it moves the prefix), another moment per request.
    /// </summary>
    public static Task<Dictionary<string, CombinedRange>> ByRowAsync(
        UnrestDb db, HistoryMemo memo, ClaimView view, Guid incidentId, Metric? metric, string? subject, SourceKind? sourceKind, CancellationToken ct)
    {
        var (recordedAt, asOf) = (view.Time.RecordedAt, view.Time.AsOf ?? DateTimeOffset.MaxValue);
        var day = view.Time.AsOf is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : DateOnly.MaxValue;
        var (metricName, kindName) = (metric is { } m ? EnumText.Name(m) : null, sourceKind is { } k ? EnumText.Name(k) : null);
        return memo.GetOrComputeAsync(db, view.Time, prefix => new Key(incidentId, metricName, subject, kindName, prefix), async ct =>
        {
            var rows = await db.Database.SqlQuery<EventFigureRow>(CombinedSql.Query(incidentId, recordedAt, asOf, day, metricName, subject, kindName, view.Time.IsNow))
                .ToListAsync(ct);
            var links = await EventLinks.OfClustersAsync(db, rows.Select(r => r.EventId).Distinct().ToArray(), recordedAt, ct);
            var clusters = EventLinks.Clusters(links);
            var byRow = rows.GroupBy(r => SeriesOrder.SortKey(r.SeriesKey))
                .ToDictionary(g => g.Key, g => Of(g, e => clusters.TryGetValue(e, out var members) ? members[0] : e));
            return (byRow, byRow.Count);
        }, ct);
    }

    public static CombinedRange Of(IEnumerable<EventFigureRow> rows, Func<Guid, Guid> clusterOf)
    {
        var list = rows.ToList();
        var ranges = list.GroupBy(r => clusterOf(r.EventId)).Select(cluster =>
        {
            var perSource = cluster.GroupBy(r => r.SourceId).Select(s => (Low: s.Max(r => r.Low), High: s.Max(r => r.High))).ToList();
            return (Low: perSource.Min(s => s.Low), High: perSource.Max(s => s.High));
        }).ToList();
        return new CombinedRange(ranges.Count, list.Select(r => r.EventId).Distinct().Count(), list.Select(r => r.SourceId).Distinct().Count(),
            SumOrNull(ranges.Select(r => r.Low)), SumOrNull(ranges.Select(r => r.High)));
    }

    /// <summary>The sum, or null when nothing gives one or it exceeds what a reader gets (figures recorded before values were bounded).</summary>
    private static decimal? SumOrNull(IEnumerable<decimal?> values)
    {
        try
        {
            var given = values.OfType<decimal>().ToList();
            return given.Count == 0 ? null : given.Sum();
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

public sealed class EventFigureRow
{
    public string SeriesKey { get; init; } = "";
    public string Metric { get; init; } = "";
    public string? Subject { get; init; }
    public string Unit { get; init; } = "";
    public Guid SourceId { get; init; }
    public Guid EventId { get; init; }
    public decimal? Low { get; init; }
    public decimal? High { get; init; }
}

/// <summary>Each source's current event-level figures per event: the figures <see cref="EventSumsSql"/> sums (its fragment, the one rule).</summary>
internal static class CombinedSql
{
    public static FormattableString Query(
        Guid incident, DateTimeOffset recordedAt, DateTimeOffset asOf, DateOnly day, string? metric, string? subject, string? sourceKind,
        bool now) =>
        SqlText.Concat(EventSumsSql.Counted(incident, recordedAt, asOf, day, metric, subject, sourceKind, now: now, withEvents: !now), $"""
        SELECT f.metric, f.subject, f.unit, f.source_id, f.event_id,
               max(coalesce(f.low, f.value)) AS low, max(coalesce(f.high, f.value)) AS high,
               series_key_of({incident}, NULL, f.metric, f.subject, NULL, NULL, NULL, f.unit) AS series_key
        FROM counted f
        GROUP BY f.metric, f.subject, f.unit, f.source_id, f.event_id
        """);
}
