using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// eventSums in one statement: the figures the database counts (<c>counted_in_event_sums</c> of their status by
/// <c>figure_statuses</c>, migrations OneReadModel and StatusNow) of the incident's visible events, summed per (metric, subject,
/// unit, source); "now", the sums the writes keep (event_sums_now), one index range of the incident. Each figure costs its status probes (index probes),
/// so the cost follows the incident's event figures, never the database.
/// Figures are reached through their event only (a statement's event is an event of its incident, and such an event cannot
/// move): right after a bulk import, statistics are stale, and a figure-side incident_id test let the planner AND every
/// event's index range with the whole incident's, once per event (34 s instead of 0.3 s).
/// </summary>
internal static class EventSumsSql
{
    /// <summary>
    /// The largest sum a reader gets: System.Decimal's. Figures are bounded far below it (<c>FigureRules.MaxValue</c>),
    /// but rows recorded before that bound may exceed it; PostgreSQL sums them exactly and such a sum comes back null.
    /// </summary>
    internal static readonly decimal MaxSum = decimal.MaxValue;

    /// <summary>
    /// The sums "now" as the writes keep them (event_sums_now): one index range of the incident. Another moment is summed
    /// from the counted figures, in the statement that also gives the combined ranges (<see cref="CombinedSql.AtMoment"/>).
    /// </summary>
    public static FormattableString Query(Guid incident, DateTimeOffset recordedAt, string? metric, string? subject, string? sourceKind) =>
        SqlText.Concat($"""
        WITH sums AS (
            SELECT k.metric, k.subject, k.unit, k.source_id, k.events, k.valued, k.value,
                   CASE WHEN k.lows > 0 THEN k.low END AS low, CASE WHEN k.highs > 0 THEN k.high END AS high
            FROM event_sums_now k
            WHERE k.incident_id = {incident} AND k.events > 0
              AND ({metric}::text IS NULL OR k.metric = {metric}::text) AND ({subject}::text IS NULL OR k.subject = {subject}::text)
              AND ({sourceKind}::text IS NULL OR EXISTS (
                  SELECT 1 FROM source_versions_at({recordedAt}) s WHERE s.id = k.source_id AND s.kind = {sourceKind}::text))
        )
        """, SelectSums(incident, recordedAt));

    /// <summary>The rows of <c>sums</c> (metric, subject, unit, source_id, events, valued, value, low, high) as <see cref="EventSideRow"/>s.</summary>
    public static FormattableString SelectSums(Guid incident, DateTimeOffset recordedAt) => $"""
        SELECT {EventSideRow.Sum}::text AS kind, s.metric, s.subject, s.unit, s.source_id, s.events, s.valued,
               CASE WHEN abs(s.value) <= {MaxSum} THEN s.value END AS value,
               CASE WHEN abs(s.low) <= {MaxSum} THEN s.low END AS low,
               CASE WHEN abs(s.high) <= {MaxSum} THEN s.high END AS high,
               coalesce(greatest(abs(s.value), abs(s.low), abs(s.high)) > {MaxSum}, false) AS beyond,
               src.name AS source_name, src.kind AS source_kind,
               series_key_of({incident}, NULL, s.metric, s.subject, NULL, NULL, NULL, s.unit) AS series_key, 0 AS clusters, 0 AS sources
        FROM sums s
        LEFT JOIN source_versions_at({recordedAt}) src ON src.id = s.source_id
        """;

    /// <summary>
    /// <c>WITH counted AS (...)</c>: the figures eventSums counts, one row each (id, metric, subject, unit, source_id, value,
    /// low, high) with its event's event_id, incident_id, date, country, admin1 and type; the caller appends its own SELECT
    /// (<see cref="SqlText.Concat"/>). Of one incident, or of every incident when <paramref name="incident"/> is null;
    /// <paramref name="withoutSubject"/> keeps only figures without a subject; <paramref name="now"/> reads the counted figures the
    /// writes keep, and then <paramref name="withEvents"/> false leaves date, country, admin1 and type null instead of probing each event.
    /// </summary>
    public static FormattableString Counted(
        Guid? incident, DateTimeOffset recordedAt, DateTimeOffset asOf, DateOnly day, string? metric, string? subject, string? sourceKind,
        bool withoutSubject = false, bool now = false, bool withEvents = true) => SqlText.Concat(now
        // "Now" the writes keep the counted figures (event_figures_now, migration EventFiguresNow): one index range of the
        // incident's, joined to its visible events (events_now, one index range too) only when their date, place or type is
        // asked for; then, as at other moments, the incident is the event's.
        ? SqlText.Concat($"""
        WITH counted AS (
            SELECT f.figure_id AS id, f.metric, f.subject, f.unit, f.source_id, f.value, f.low, f.high,
        """, withEvents ? $"""
                   e.event_id, e.incident_id, e.date, e.country, e.admin1, e.type
            FROM event_figures_now f JOIN events_now e ON e.event_id = f.event_id AND ({incident}::uuid IS NULL OR e.incident_id = {incident}::uuid)
        """ : SqlText.Raw("""
                   f.event_id, f.incident_id, NULL::date AS date, NULL::text AS country, NULL::text AS admin1, NULL::text AS type
            FROM event_figures_now f
        """), $"""
            WHERE ({incident}::uuid IS NULL OR f.incident_id = {incident}::uuid)
        """)
        : SqlText.Concat($"""
        WITH counted AS (
            SELECT f.id, f.metric, f.subject, f.unit, f.source_id, f.value, f.low, f.high,
                   e.id AS event_id, e.incident_id, e.date, e.country, e.admin1, e.type
            FROM event_versions_at({recordedAt}) e
            JOIN visible_figures({asOf}, {recordedAt}) f ON f.event_id = e.id
            JOIN figure_statuses({asOf}, {recordedAt}) st ON st.id = f.id AND st.version = f.version
            WHERE counted_in_event_sums(st.status, f.subject)
              AND e.date <= {day}
        """, incident is { } id ? (FormattableString)$"AND e.incident_id = {id}" : SqlText.Raw("")), $"""
              AND ({metric}::text IS NULL OR f.metric = {metric}::text) AND ({subject}::text IS NULL OR f.subject = {subject}::text)
              AND (NOT {withoutSubject} OR f.subject IS NULL)
              AND ({sourceKind}::text IS NULL OR EXISTS (
                  SELECT 1 FROM source_versions_at({recordedAt}) s WHERE s.id = f.source_id AND s.kind = {sourceKind}::text))
        )
        """);
}
