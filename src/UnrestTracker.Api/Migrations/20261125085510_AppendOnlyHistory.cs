using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// History is append-only, and PostgreSQL itself enforces it: row-level triggers refuse UPDATE and
/// DELETE on every history table, whoever connects (privileges do not stop a superuser).
/// TRUNCATE is left alone so that test resets keep working.
/// </summary>
public partial class AppendOnlyHistory : Migration
{
    private static readonly string[] HistoryTables =
    [
        "incident_versions", "source_versions", "event_versions", "statement_versions",
        "figure_versions", "retractions", "tombstones", "changes",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'history is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            """);
        foreach (var table in HistoryTables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in HistoryTables)
        {
            migrationBuilder.Sql($"DROP TRIGGER {table}_append_only ON {table};");
        }
        migrationBuilder.Sql("DROP FUNCTION refuse_history_rewrite();");
    }
}
