using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// Each source's latest standing figure in each of the given series, at the moment of a <see cref="ClaimView"/>.
/// PostgreSQL 15 has no skip scan, so the (series, source) pairs are walked with a recursive CTE that
/// probes the (series_key, source_id, as_of, stated_at, created_at, id) index once per pair, and each pair's latest
/// standing figure (two figures of one statement can tie) is the database's <c>latest_standing</c> (migration OneReadModel),
/// inlined as a LATERAL top-1 read backwards on the same index: cost follows the number of pairs, not the number of figures.
/// (EF Core turns a per-pair LINQ top-1 into a ROW_NUMBER over every standing figure of the database, hence the SQL.)
/// </summary>
public static class LatestPerSource
{
    /// <summary>
    /// Every incident-wide series key of an incident, by a loose index scan: one probe of the partial (incident_id, series_key)
    /// index per series rather than a read of every figure. Event-level series are left out: there is one per event, and their
    /// figures are rated one by one.
    /// </summary>
    public static Task<List<string>> SeriesKeysAsync(UnrestDb db, Guid incident, CancellationToken ct) => db.Database.SqlQuery<string>($"""
        WITH RECURSIVE keys(k) AS (
            (SELECT series_key FROM figure_versions WHERE incident_id = {incident} AND event_id IS NULL ORDER BY series_key LIMIT 1)
          UNION ALL
            SELECT (SELECT f.series_key FROM figure_versions f
                    WHERE f.incident_id = {incident} AND f.event_id IS NULL AND f.series_key > keys.k ORDER BY f.series_key LIMIT 1)
            FROM keys WHERE keys.k IS NOT NULL
        )
        SELECT k AS "Value" FROM keys WHERE k IS NOT NULL
        """).ToListAsync(ct);

    /// <summary>
    /// Each source's latest standing figure per incident-wide series of an incident: a superset of the current
    /// incident-wide figures (a current figure has no later standing one from its source), found per pair rather than per figure.
    /// </summary>
    public static async Task<List<(Guid Id, DateTimeOffset StatedAt, Metric Metric, Guid SourceId)>> LatestPerSourceIdsAsync(
        this ClaimView view, UnrestDb db, Guid incidentId, CancellationToken ct)
    {
        var keys = await SeriesKeysAsync(db, incidentId, ct);
        var latest = await Latest(view, db, keys).Select(f => new { f.Id, f.StatedAt, f.Metric, f.SourceId }).ToListAsync(ct);
        return latest.Select(f => (f.Id, f.StatedAt, f.Metric, f.SourceId)).ToList();
    }

    /// <summary>
    /// Each source's latest standing figure in each series, with its status (by the one definition in
    /// <see cref="ClaimView.WithStatus"/>) and its source as it stood at recordedAsOf: one statement.
    /// </summary>
    /// <returns>Also whether the source has a parent then: when none has, each is its own root (<see cref="SourceRoots"/>).</returns>
    public static async Task<List<(RatedFigure Rated, SourceBrief? Source, bool HasParent)>> LatestPerSourceAsync(
        this ClaimView view, UnrestDb db, IReadOnlyList<string> seriesKeys, CancellationToken ct)
    {
        var sources = view.SourceVersions();
        // Name, kind and parent as scalar subqueries: a projected FirstOrDefault became a ROW_NUMBER over every source version.
        var rows = await view.WithStatus(Latest(view, db, seriesKeys))
            .Select(r => new
            {
                Rated = r,
                Name = sources.Where(v => v.Id == r.Figure.SourceId).Select(v => v.Name).FirstOrDefault(),
                Kind = sources.Where(v => v.Id == r.Figure.SourceId).Select(v => (Sources.SourceKind?)v.Kind).FirstOrDefault(),
                HasParent = sources.Any(v => v.Id == r.Figure.SourceId && v.ParentId != null),
            })
            .ToListAsync(ct);
        return rows.Select(r => (r.Rated, r.Name is null ? null : new SourceBrief(r.Rated.Figure.SourceId, r.Name, r.Kind!.Value), r.HasParent))
            .ToList();
    }

    /// <summary>
    /// Each source's latest standing figure in one series at each of the given moments, with its status at that moment (by
    /// <c>figure_statuses</c>): the answers of <see cref="LatestPerSourceAsync"/> at many asOf in one statement. The (series, source)
    /// pairs are walked once; each moment then costs one <c>latest_standing</c> probe and one status probe per pair.
    /// </summary>
    public static async Task<List<(DateTimeOffset AsOf, Guid Id, int Version, string Status)>> LatestPerSourceAtEachAsync(
        UnrestDb db, string seriesKey, DateTimeOffset[] moments, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<AtMoment>(SqlText.Concat(Pairs([seriesKey]), $"""
            SELECT m.at AS as_of, f.id, f.version,
                   (SELECT st.status FROM figure_statuses(m.at, {recordedAt}) st WHERE st.id = f.id AND st.version = f.version) AS status
            FROM unnest({moments}) AS m(at)
            CROSS JOIN pairs p
            CROSS JOIN LATERAL latest_standing(p.series_key, p.source_id, m.at, {recordedAt}) f
            WHERE p.source_id IS NOT NULL
            """)).ToListAsync(ct);
        return rows.Select(r => (r.AsOf, r.Id, r.Version, r.Status)).ToList();
    }

    private sealed class AtMoment
    {
        public DateTimeOffset AsOf { get; init; }
        public Guid Id { get; init; }
        public int Version { get; init; }
        public string Status { get; init; } = "";
    }

    private static IQueryable<FigureVersion> Latest(ClaimView view, UnrestDb db, IReadOnlyList<string> seriesKeys)
    {
        if (view.Time.IsNow)
        {
            // The writes keep each pair's latest standing figures (figure_status_now.latest, migration LatestNow).
            return db.FigureVersions.FromSql($"""
                SELECT f.* FROM figure_status_now n JOIN figure_versions f ON f.id = n.figure_id AND f.version = n.version
                WHERE n.latest AND n.series_key = ANY ({seriesKeys.ToArray()})
                """).AsNoTracking();
        }
        var recordedAt = view.Time.RecordedAt;
        var asOf = view.Time.AsOf ?? DateTimeOffset.MaxValue;
        return db.FigureVersions.FromSql(SqlText.Concat(Pairs(seriesKeys),
            $"SELECT f.* FROM pairs p CROSS JOIN LATERAL latest_standing(p.series_key, p.source_id, {asOf}, {recordedAt}) f")).AsNoTracking();
    }

    /// <summary><c>WITH RECURSIVE pairs(series_key, source_id)</c>: the sources of each series, one index probe each (the last row of a series has none).</summary>
    private static FormattableString Pairs(IReadOnlyList<string> seriesKeys) => $"""
        WITH RECURSIVE pairs(series_key, source_id) AS (
            SELECT k.key, (SELECT f.source_id FROM figure_versions f WHERE f.series_key = k.key ORDER BY f.source_id LIMIT 1)
            FROM unnest({seriesKeys.ToArray()}) AS k(key)
          UNION ALL
            SELECT p.series_key,
                   (SELECT f.source_id FROM figure_versions f WHERE f.series_key = p.series_key AND f.source_id > p.source_id
                    ORDER BY f.source_id LIMIT 1)
            FROM pairs p WHERE p.source_id IS NOT NULL
        )
        """;
}
