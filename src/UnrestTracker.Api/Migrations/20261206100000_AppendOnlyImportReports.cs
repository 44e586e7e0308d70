using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Import reports become append-only, like history (they are the provenance of imported statements): an import's
/// start is a row of <c>import_runs</c>, its report one row of <c>import_reports</c> written when it ends (finished or
/// <c>interrupted</c>), and triggers refuse UPDATE and DELETE on both, whoever connects. <c>import_report_list</c> reads
/// both: a run without a report shows with <c>finished_at</c> null. ANALYZE after an import runs as the owner through
/// <c>refresh_import_statistics()</c>, so that the API's role needs no owner's credentials.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206100000_AppendOnlyImportReports")]
public partial class AppendOnlyImportReports : Migration
{
    private const string Columns = """
        id, dataset, file_name, file_bytes, file_sha256, released, started_at, finished_at, incident, country, "from", "to",
        rows, skipped, rejected_count, rejected, adjusted_count, adjusted, events_created, events_updated, events_unchanged,
        events_deleted, statements_created, statements_retracted, recorded_by, interrupted
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "interrupted", table: "import_reports", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.Sql($"""
            CREATE TABLE import_runs (
                id uuid PRIMARY KEY, dataset text NOT NULL, file_name text NOT NULL, released timestamptz NOT NULL,
                started_at timestamptz NOT NULL, incident text, country text, "from" date, "to" date, recorded_by text NOT NULL);
            INSERT INTO import_runs SELECT id, dataset, file_name, released, started_at, incident, country, "from", "to", recorded_by FROM import_reports;
            -- Reports an earlier version left unfinished: their process is gone (migrations run before serving).
            UPDATE import_reports SET finished_at = now(), interrupted = true WHERE finished_at IS NULL;

            CREATE TRIGGER import_reports_append_only BEFORE UPDATE OR DELETE ON import_reports
            FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
            CREATE TRIGGER import_runs_append_only BEFORE UPDATE OR DELETE ON import_runs
            FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

            CREATE VIEW import_report_list AS
            SELECT {Columns} FROM import_reports
            UNION ALL
            SELECT r.id, r.dataset, r.file_name, 0::bigint, '', r.released, r.started_at, NULL::timestamptz, r.incident, r.country,
                r."from", r."to", 0::bigint, 0::bigint, 0::bigint, '[]'::jsonb, 0::bigint, '[]'::jsonb, 0::bigint, 0::bigint, 0::bigint,
                0::bigint, 0::bigint, 0::bigint, r.recorded_by, false
            FROM import_runs r WHERE NOT EXISTS (SELECT 1 FROM import_reports f WHERE f.id = r.id);

            CREATE FUNCTION refresh_import_statistics() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                ANALYZE event_versions, statement_versions, figure_versions;
            END $$;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP FUNCTION refresh_import_statistics();
            DROP VIEW import_report_list;
            DROP TRIGGER import_reports_append_only ON import_reports;
            DROP TABLE import_runs;
            """);
        migrationBuilder.DropColumn(name: "interrupted", table: "import_reports");
    }
}
