using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Event-level series (docs/api.md, "Event-level series"): a figure copies its statement's event, and an
/// event-level figure's series key gains <c>|{event id, N format}</c>, as <c>FigureVersion.SeriesKeyOf</c>
/// writes it. Incident-wide keys are left exactly as they are.
/// Figures already recorded for a statement that names an event are rewritten here, the one time
/// history rows are updated: as the table's owner, inside this migration's transaction, with the
/// append-only trigger of figure_versions disabled for that single UPDATE and enabled again at once
/// (ALTER TABLE takes an exclusive lock, so no other write can slip through meanwhile; if anything
/// fails the transaction rolls back, the trigger's state included).
/// Indexes are SQL-only, like ClaimsIndexes, so that parallel model changes do not collide with them.
/// </summary>
public partial class EventLevelSeries : Migration
{
    private const string Trigger = "figure_versions_append_only";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "event_id", table: "figure_versions", type: "uuid", nullable: true);
        migrationBuilder.Sql($"""
            ALTER TABLE figure_versions DISABLE TRIGGER {Trigger};
            UPDATE figure_versions f
            SET event_id = s.event_id, series_key = f.series_key || '|' || replace(s.event_id::text, '-', '')
            FROM statement_versions s
            WHERE s.id = f.statement_id AND s.version = f.version AND s.event_id IS NOT NULL;
            ALTER TABLE figure_versions ENABLE TRIGGER {Trigger};
            """);
        // An incident's series (GET /incidents/{incident}/figures) read incident-wide figures only, however many event-level ones it has.
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_incident_wide_series ON figure_versions (incident_id, series_key) WHERE event_id IS NULL;");
        // eventSums: one range of the incident's event-level figures.
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_incident_event_level ON figure_versions (incident_id, metric, subject, unit) WHERE event_id IS NOT NULL;");
        // The event filter of /figures and /statements, already in list order.
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_event_stated_at_id ON figure_versions (event_id, stated_at, id) WHERE event_id IS NOT NULL;");
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_statement_versions_event_stated_at_id ON statement_versions (event_id, stated_at, id) WHERE event_id IS NOT NULL;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_statement_versions_event_stated_at_id;");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_event_stated_at_id;");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_incident_event_level;");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_incident_wide_series;");
        migrationBuilder.Sql($"""
            ALTER TABLE figure_versions DISABLE TRIGGER {Trigger};
            UPDATE figure_versions SET series_key = left(series_key, -33) WHERE event_id IS NOT NULL;
            ALTER TABLE figure_versions ENABLE TRIGGER {Trigger};
            """);
        migrationBuilder.DropColumn(name: "event_id", table: "figure_versions");
    }
}
