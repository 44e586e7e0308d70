using Npgsql;

namespace UnrestTracker.Api.Features.ReadModel;

/// <summary>
/// Every figure's status "now" and the incidents' eventSums as the writes keep them (<c>figure_status_now</c>,
/// <c>event_sums_now</c>, migration StatusNow; each pair's latest figures, migration LatestNow; the counted figures' ranges,
/// <c>event_figures_now</c>, migration EventFiguresNow; each linked event's cluster, <c>event_clusters_now</c>; the visible
/// events, <c>events_now</c>), rebuilt from history or compared with the time-travel definition
/// (<c>figure_statuses('infinity', 'infinity')</c>), as the owner.
/// </summary>
public static class StatusNow
{
    /// <summary>One side of a difference as text: the values, or "-" when that side has no row.</summary>
    private static string Side(string columns) => $"coalesce(nullif(concat_ws(' ', {columns}), ''), '-')";

    /// <summary>One row per figure whose kept status differs from the definition's (or is missing on one side).</summary>
    private static readonly string DifferencesSql = $"""
        SELECT coalesce(n.figure_id, d.id)::text, {Side("n.version, n.status, n.counted, n.latest")}, {Side("d.version, d.status, d.counted, d.latest")}
        FROM figure_status_now n
        FULL JOIN ({Migrations.CheaperImportWrites.StatusesOf}) d ON d.id = n.figure_id
        WHERE n.figure_id IS NULL OR d.id IS NULL
           OR (n.version, n.status, n.series_key, n.source_id, n.incident_id, n.event_id, n.stated_at, n.counted, n.latest)
              IS DISTINCT FROM (d.version, d.status, d.series_key, d.source_id, d.incident_id, d.event_id, d.stated_at, d.counted, d.latest)
        ORDER BY 1
        """;

    /// <summary>One row per (incident, metric, subject, unit, source) whose kept sums differ from the counted figures' sums.</summary>
    private static readonly string SumDifferencesSql = $"""
        WITH d AS (
            SELECT f.incident_id, f.metric, coalesce(f.subject, '') AS subject, f.unit, f.source_id, count(*)::int AS events,
                   count(f.value)::int AS valued, coalesce(sum(f.value), 0) AS value, sum(coalesce(f.low, f.value)) AS low,
                   sum(coalesce(f.high, f.value)) AS high
            FROM ({Migrations.CheaperImportWrites.StatusesOf}) x JOIN figure_versions f ON f.id = x.id AND f.version = x.version
            WHERE x.counted
            GROUP BY 1, 2, 3, 4, 5),
        k AS (
            SELECT incident_id, metric, coalesce(subject, '') AS subject, unit, source_id, events, valued, value,
                   CASE WHEN lows > 0 THEN low END AS low, CASE WHEN highs > 0 THEN high END AS high
            FROM event_sums_now WHERE (events, valued, lows, highs) <> (0, 0, 0, 0))
        SELECT concat_ws(' ', 'sums of', coalesce(k.incident_id, d.incident_id), coalesce(k.metric, d.metric), coalesce(k.subject, d.subject),
                   coalesce(k.unit, d.unit), coalesce(k.source_id, d.source_id)),
               {Side("k.events, k.valued, k.value, k.low, k.high")}, {Side("d.events, d.valued, d.value, d.low, d.high")}
        FROM k FULL JOIN d ON (k.incident_id, k.metric, k.subject, k.unit, k.source_id) = (d.incident_id, d.metric, d.subject, d.unit, d.source_id)
        WHERE k.incident_id IS NULL OR d.incident_id IS NULL
           OR (k.events, k.valued, k.value, k.low, k.high) IS DISTINCT FROM (d.events, d.valued, d.value, d.low, d.high)
        ORDER BY 1
        """;

    /// <summary>One row per counted figure whose kept range row (event_figures_now) is missing, extra, or not the figure's.</summary>
    private static readonly string RangeDifferencesSql = $"""
        WITH d AS (
            SELECT x.id, x.incident_id, x.event_id, f.metric, f.subject, f.unit, f.source_id, f.value, f.low, f.high
            FROM ({Migrations.CheaperImportWrites.StatusesOf}) x JOIN figure_versions f ON f.id = x.id AND f.version = x.version
            WHERE x.counted)
        SELECT concat_ws(' ', 'range of', coalesce(k.figure_id, d.id)),
               {Side("k.incident_id, k.event_id, k.metric, k.subject, k.unit, k.source_id, k.value, k.low, k.high")},
               {Side("d.incident_id, d.event_id, d.metric, d.subject, d.unit, d.source_id, d.value, d.low, d.high")}
        FROM event_figures_now k FULL JOIN d ON d.id = k.figure_id
        WHERE k.figure_id IS NULL OR d.id IS NULL
           OR (k.incident_id, k.event_id, k.metric, k.subject, k.unit, k.source_id, k.value, k.low, k.high)
              IS DISTINCT FROM (d.incident_id, d.event_id, d.metric, d.subject, d.unit, d.source_id, d.value, d.low, d.high)
        ORDER BY 1
        """;

    /// <summary>One row per linked event whose kept cluster (event_clusters_now) is missing, extra, or not the one the links make.</summary>
    private static readonly string ClusterDifferencesSql = $"""
        SELECT concat_ws(' ', 'cluster of', coalesce(k.event_id, d.event_id)), {Side("k.cluster_id")}, {Side("d.cluster_id")}
        FROM event_clusters_now k FULL JOIN ({Migrations.EventClustersNow.Defined}) d ON d.event_id = k.event_id
        WHERE k.cluster_id IS DISTINCT FROM d.cluster_id
        ORDER BY 1
        """;

    /// <summary>One row per event whose kept row (events_now) is missing, extra, or not its visible version's.</summary>
    private static readonly string EventDifferencesSql = $"""
        SELECT concat_ws(' ', 'event', coalesce(k.event_id, d.event_id)),
               {Side("k.version, k.incident_id, k.date, k.type, k.sub_type, k.country, k.admin1")},
               {Side("d.version, d.incident_id, d.date, d.type, d.sub_type, d.country, d.admin1")}
        FROM events_now k FULL JOIN ({Migrations.EventsNow.Defined}) d ON d.event_id = k.event_id
        WHERE (k.version, k.incident_id, k.date, k.type, k.sub_type, k.country, k.admin1)
              IS DISTINCT FROM (d.version, d.incident_id, d.date, d.type, d.sub_type, d.country, d.admin1)
        ORDER BY 1
        """;

    /// <summary>Empties the tables and fills them again from history in one transaction, under the write lock.</summary>
    public static async Task<long> RebuildAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var rebuild = new NpgsqlCommand("SELECT rebuild_figure_status_now(); SELECT rebuild_event_clusters_now(); SELECT rebuild_events_now()", connection, transaction))
        {
            await rebuild.ExecuteNonQueryAsync(ct);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM figure_status_now", connection, transaction);
        var rows = (long)(await count.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// The figures whose kept status is not the definition's, one line each: id, then kept and defined (version, status,
    /// counted, latest); then the sums that differ: the group, then kept and defined (events, valued, value, low, high); then the
    /// counted figures whose kept range row differs; then the linked events whose kept cluster differs; then the events whose
    /// kept row differs from their visible version.
    /// </summary>
    public static async Task<List<string>> DifferencesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var differences = new List<string>();
        foreach (var sql in new[] { DifferencesSql, SumDifferencesSql, RangeDifferencesSql, ClusterDifferencesSql, EventDifferencesSql })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                differences.Add($"{reader.GetString(0)}: kept {reader.GetString(1)}; defined {reader.GetString(2)}");
            }
        }
        return differences;
    }
}
