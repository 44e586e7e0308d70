using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The figures eventSums counts now, each with what the sums over events read of it (<c>event_figures_now</c>: incident, event,
/// metric, subject, unit, source, value, low, high), kept by <c>refresh_figure_status_now</c> as their <c>counted</c> mark moves:
/// a row while counted, none otherwise. An incident's combined ranges are then one index range of its figures in (row, event,
/// source) order, and its sums per bucket that range and a probe per event (for its date), without a probe of each figure.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206153000_EventFiguresNow")]
public partial class EventFiguresNow : Migration
{
    private const string Columns = "figure_id, incident_id, event_id, metric, subject, unit, source_id, value, low, high";

    /// <summary>The kept row of each counted figure among <paramref name="figures"/> (figure_id, version, incident_id, event_id).</summary>
    private static string RowsOf(string figures) => $"""
        SELECT n.figure_id, n.incident_id, n.event_id, f.metric, f.subject, f.unit, f.source_id, f.value, f.low, f.high
        FROM {figures} n JOIN public.figure_versions f ON f.id = n.figure_id AND f.version = n.version
        """;

    /// <summary>CTEs for <c>refresh_figure_status_now</c>: the figures whose mark changed enter, move or leave.</summary>
    internal static readonly string Keep = $"""
        counted_in AS (
            INSERT INTO public.event_figures_now AS k ({Columns})
            {RowsOf("(SELECT * FROM written w WHERE w.counted)")}
            ON CONFLICT (figure_id) DO UPDATE SET incident_id = excluded.incident_id, event_id = excluded.event_id, metric = excluded.metric,
                subject = excluded.subject, unit = excluded.unit, source_id = excluded.source_id, value = excluded.value, low = excluded.low,
                high = excluded.high
        ),
        counted_out AS (DELETE FROM public.event_figures_now k USING written w WHERE k.figure_id = w.figure_id AND NOT w.counted),
        """;

    internal static readonly string Rebuild = $"""
        TRUNCATE event_figures_now;
        INSERT INTO event_figures_now ({Columns}) {RowsOf("(SELECT * FROM public.figure_status_now WHERE counted)")};
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE event_figures_now (
            figure_id uuid PRIMARY KEY,
            incident_id uuid NOT NULL,
            event_id uuid NOT NULL,
            metric text NOT NULL,
            subject text,
            unit text NOT NULL,
            source_id uuid NOT NULL,
            value numeric,
            low numeric,
            high numeric);
        CREATE INDEX ix_event_figures_now_rows ON event_figures_now (incident_id, metric, subject, unit, event_id, source_id) INCLUDE (value, low, high);
        {StatusNow.KeepingFunctions(LatestNow.StatusesOf, ["counted", "latest"], "n.latest", Keep, Rebuild)}
        {Rebuild}
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        {StatusNow.KeepingFunctions(LatestNow.StatusesOf, ["counted", "latest"], "n.latest")}
        DROP TABLE event_figures_now;
        """);
}
