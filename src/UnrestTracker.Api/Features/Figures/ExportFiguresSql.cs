using System.Text;
using Npgsql;
using NpgsqlTypes;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The figures CSV export as one set-wise statement. Statuses are <see cref="ClaimView.WithStatus"/>'s rule restated in SQL (a test
/// compares the two on the same claims): retracted when its statement is retracted by both clocks (withdrawn figures are not
/// visible at all); otherwise superseded when a standing figure names it in <c>supersedes</c>, or when it is not rank 1 of the
/// standing figures of its (series, source) by (asOf, statedAt, first recorded), which is "a later one exists" (ties share rank 1).
/// Every filter but <c>status</c> is a property of the (series, source) partition (a series key holds incident, event, metric and
/// subject), so filtering before ranking keeps every figure that could supersede a kept one; the <c>supersedes</c> probe looks at
/// the whole database, as an explicit supersession may come from another series. Where <see cref="ClaimView.WithStatus"/> probes
/// per row, this reads the filtered figures once and ranks them in the same pass (standing and retracted figures in separate
/// partitions), so no join can multiply the work: an earlier version joined a narrow ranked copy back by id, and on freshly
/// inserted, un-analysed rows the planner estimated both sides at a few rows and re-ran the ranking for every figure (a 5,000-figure
/// series took over two minutes). The cost is two sorts of the filtered rows, whatever the statistics say.
/// </summary>
internal static class ExportFiguresSql
{
    /// <summary>The CSV header and the column of the query that fills it, in order.</summary>
    public static readonly (string Header, string Column)[] Columns =
    [
        ("id", "f.id"), ("statementId", "f.statement_id"), ("incidentId", "f.incident_id"), ("eventId", "f.event_id"),
        ("sourceId", "f.source_id"), ("sourceName", "s.name"), ("sourceKind", "s.kind"), ("statedAt", "f.stated_at"),
        ("metric", "f.metric"), ("subject", "f.subject"), ("value", "f.value"), ("low", "f.low"), ("high", "f.high"),
        ("qualifier", "f.qualifier"), ("unit", "f.unit"), ("scopeCountry", "f.scope_country"), ("scopeAdmin1", "f.scope_admin1"),
        ("scopePlace", "f.scope_place"), ("asOf", "f.as_of"), ("supersedes", "f.supersedes"), ("status", "f.status"),
    ];

    public const string Tag = "figures CSV export";

    /// <summary>The statement for the filters at the view's moment; <paramref name="incidentId"/> is the resolved incident filter.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, FigureFilter filter, Guid? incidentId, TimeTravel time)
    {
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter("recorded_at", NpgsqlDbType.TimestampTz) { Value = time.RecordedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("statement_entity", ClaimView.StatementEntity));
        var stated = "";
        var retracted = "";
        if (time.AsOf is { } asOf)
        {
            command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.TimestampTz) { Value = asOf.ToUniversalTime() });
            stated = "AND f.stated_at <= @as_of";
            retracted = "AND r.retracted_at <= @as_of";
        }
        var filters = new StringBuilder();
        void Filter(string condition, string? name = null, object? value = null)
        {
            filters.Append(" AND ").Append(condition);
            if (name is not null)
            {
                command.Parameters.Add(new NpgsqlParameter(name, value));
            }
        }
        if (incidentId is { } incident)
        {
            Filter("f.incident_id = @incident", "incident", incident);
        }
        if (filter.Event is { } eventId)
        {
            Filter("f.event_id = @event", "event", eventId);
        }
        if (filter.Level is { } level)
        {
            Filter(level == SeriesLevel.Event ? "f.event_id IS NOT NULL" : "f.event_id IS NULL");
        }
        if (filter.Metric is { } metric)
        {
            Filter("f.metric = @metric", "metric", EnumText.Name(metric));
        }
        if (filter.Subject is { } subject)
        {
            Filter("f.subject = @subject", "subject", subject);
        }
        if (filter.Source is { } source)
        {
            Filter("f.source_id = @source", "source", source);
        }
        if (filter.SourceKind is { } kind)
        {
            Filter("f.source_id IN (SELECT id FROM sources WHERE kind = @source_kind)", "source_kind", EnumText.Name(kind));
        }
        var status = "";
        if (filter.Status is { } wanted)
        {
            command.Parameters.Add(new NpgsqlParameter("status", EnumText.Name(wanted)));
            status = "WHERE f.status = @status";
        }
        // A later version's NOT EXISTS says "l.version > 1" too (versions count from 1): the planner then hashes the few edited
        // figures instead of every figure of the database.
        command.CommandText = $"""
            -- {Tag}
            WITH sources AS (
                SELECT s.id, s.name, s.kind FROM source_versions s
                WHERE s.recorded_at <= @recorded_at
                  AND NOT EXISTS (SELECT 1 FROM source_versions l WHERE l.id = s.id AND l.version > s.version AND l.recorded_at <= @recorded_at)
            ),
            visible AS (
                SELECT f.id, f.statement_id, f.incident_id, f.event_id, f.source_id, f.stated_at, f.metric, f.subject, f.value, f.low, f.high,
                       f.qualifier, f.unit, f.scope_country, f.scope_admin1, f.scope_place, f.as_of, f.supersedes, f.series_key, f.created_at,
                       r.statement_id IS NOT NULL AS retracted,
                       rank() OVER (PARTITION BY f.series_key, f.source_id, r.statement_id IS NOT NULL
                                    ORDER BY f.as_of DESC, f.stated_at DESC, f.created_at DESC) AS place
                FROM figure_versions f
                LEFT JOIN retractions r ON r.statement_id = f.statement_id AND r.recorded_at <= @recorded_at {retracted}
                WHERE f.recorded_at <= @recorded_at {stated}
                  AND NOT EXISTS (SELECT 1 FROM figure_versions l
                                  WHERE l.id = f.id AND l.version > f.version AND l.version > 1 AND l.recorded_at <= @recorded_at)
                  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = @statement_entity AND t.entity_id = f.statement_id AND t.at <= @recorded_at)
                  {filters}
            ),
            named AS (
                SELECT DISTINCT f.supersedes AS id FROM figure_versions f
                WHERE f.supersedes IS NOT NULL AND f.supersedes <> f.id AND f.recorded_at <= @recorded_at {stated}
                  AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= @recorded_at)
                  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = @statement_entity AND t.entity_id = f.statement_id AND t.at <= @recorded_at)
                  AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= @recorded_at {retracted})
            ),
            rated AS (
                SELECT v.*, CASE WHEN v.retracted THEN 'retracted' WHEN v.place > 1 OR n.id IS NOT NULL THEN 'superseded' ELSE 'current' END AS status
                FROM visible v LEFT JOIN named n ON n.id = v.id
            )
            SELECT {string.Join(", ", Columns.Select(c => c.Column))}
            FROM rated f LEFT JOIN sources s ON s.id = f.source_id
            {status}
            ORDER BY f.stated_at, f.id
            """;
        return command;
    }
}
