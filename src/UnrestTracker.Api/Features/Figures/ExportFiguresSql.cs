using System.Text;
using Npgsql;
using NpgsqlTypes;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The figures CSV export as one set-wise statement: the visible figures, filtered, in (statedAt, id) order, each with its
/// status. The present (in the export's snapshot, <see cref="Infrastructure.Export.ExportSnapshot"/>) takes it from what the
/// writes keep (<c>figure_status_now</c>, migration StatusNow): each figure costs one probe of its kept row, which names its
/// current version (OFFSET 0 keeps it a probe). Where most figures pass the filters (the whole table, a metric and level)
/// the planner walks them in (statedAt, id) order on the bench data, so the first rows go out before the last are read;
/// a narrower filter's rows are sorted.
/// Another moment rates them by the database's one rule (<c>figure_statuses</c>, migration OneReadModel): a primary-key probe
/// and the status probes per figure, whatever the statistics say.
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

    /// <summary>
    /// The statement for the filters at the view's moment; <paramref name="incidentId"/> is the resolved incident filter,
    /// <paramref name="kept"/> whether the kept statuses answer (the present, in a snapshot holding exactly the answer's writes).
    /// </summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, FigureFilter filter, Guid? incidentId, TimeTravel time, bool kept)
    {
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter("recorded_at", NpgsqlDbType.TimestampTz) { Value = time.RecordedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.TimestampTz) { Value = (time.AsOf ?? DateTimeOffset.MaxValue).ToUniversalTime() });
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
            Filter("f.source_id IN (SELECT s.id FROM source_versions_at(@recorded_at) s WHERE s.kind = @source_kind)", "source_kind", EnumText.Name(kind));
        }
        var status = "";
        if (filter.Status is { } wanted)
        {
            command.Parameters.Add(new NpgsqlParameter("status", EnumText.Name(wanted)));
            status = "WHERE f.status = @status";
        }
        // Kept: a withdrawn statement's figures are retracted, so only those are looked up among the withdrawals.
        var rated = kept
            ? """
                SELECT f.*, n.status FROM figure_versions f
                CROSS JOIN LATERAL (SELECT n.status FROM figure_status_now n WHERE n.figure_id = f.id AND n.version = f.version OFFSET 0) n
                WHERE (n.status <> 'retracted' OR NOT EXISTS (SELECT 1 FROM withdrawals_at('infinity') t WHERE t.entity_id = f.statement_id OFFSET 0))
                """
            : """
                SELECT f.*, st.status FROM visible_figures(@as_of, @recorded_at) f
                JOIN figure_statuses(@as_of, @recorded_at) st ON st.id = f.id AND st.version = f.version
                WHERE true
                """;
        command.CommandText = $"""
            -- {Tag}
            WITH rated AS ({rated} {filters})
            SELECT {string.Join(", ", Columns.Select(c => c.Column))}
            FROM rated f LEFT JOIN source_versions_at(@recorded_at) s ON s.id = f.source_id
            {status}
            ORDER BY f.stated_at, f.id
            """;
        return command;
    }
}
