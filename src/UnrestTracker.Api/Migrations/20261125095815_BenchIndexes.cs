using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The series of one incident in series-key order (GET /incidents/{incident}/figures groups an
/// incident's figures by series_key, ordered, with a LIMIT): without this index PostgreSQL walks
/// (series_key, ...) from the start and filters incident_id row by row, about a million index
/// entries at a million figures (seconds, past the command timeout). With it the read is one range
/// of the incident's figures, already in series order (bench/README.md has the plans and numbers).
/// SQL-only, like ClaimsIndexes, so that parallel model changes do not collide with it.
/// </summary>
public partial class BenchIndexes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_incident_id_series_key ON figure_versions (incident_id, series_key);");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_incident_id_series_key;");
    }
}
