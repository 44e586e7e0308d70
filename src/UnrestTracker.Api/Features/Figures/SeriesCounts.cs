using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// An incident's incident-wide series with their <c>revisionCount</c> at the moment of a <see cref="ClaimView"/>: the
/// series' visible figures, retracted ones included (docs/api.md), read from the counts kept at write time (migration
/// SeriesRevisionCounts: <c>figure_series</c> and <c>series_revision_count</c>), so the cost follows the number of series,
/// not of their figures. A series with no visible figure at that moment is left out.
/// </summary>
public static class SeriesCounts
{
    public sealed class Row
    {
        public string SeriesKey { get; init; } = "";
        public string Metric { get; init; } = "";
        public string? Subject { get; init; }
        public string? ScopeCountry { get; init; }
        public string? ScopeAdmin1 { get; init; }
        public string? ScopePlace { get; init; }
        public string Unit { get; init; } = "";
        public int RevisionCount { get; init; }
    }

    /// <summary>The incident-wide series of an incident with their revision counts; when <paramref name="sources"/> is given, only figures of these sources are counted (the <c>sourceKind</c> filter).</summary>
    public static Task<List<Row>> OfIncidentAsync(
        UnrestDb db, ClaimView view, Guid incidentId, Metric? metric, string? subject, IReadOnlyCollection<Guid>? sources, CancellationToken ct)
    {
        var (recordedAt, asOf) = (view.Time.RecordedAt, view.Time.AsOf ?? DateTimeOffset.MaxValue);
        var metricName = metric is { } m ? EnumText.Name(m) : null;
        var sourceIds = sources?.ToArray();
        return db.Database.SqlQuery<Row>($"""
            SELECT s.series_key, s.metric, s.subject, s.scope_country, s.scope_admin1, s.scope_place, s.unit, c.n AS revision_count
            FROM figure_series s CROSS JOIN LATERAL (
                SELECT CASE WHEN {sourceIds}::uuid[] IS NULL THEN series_revision_count(s.series_key, NULL, {asOf}, {recordedAt})
                       ELSE (SELECT coalesce(sum(series_revision_count(s.series_key, src, {asOf}, {recordedAt})), 0)::int
                             FROM unnest({sourceIds}::uuid[]) src
                             WHERE EXISTS (SELECT 1 FROM series_revisions r WHERE r.series_key = s.series_key AND r.source_id = src))
                       END AS n) c
            WHERE s.incident_id = {incidentId} AND s.recorded_at <= {recordedAt}
              AND ({metricName}::text IS NULL OR s.metric = {metricName}::text) AND ({subject}::text IS NULL OR s.subject = {subject}::text)
              AND c.n > 0
            """).ToListAsync(ct);
    }
}
