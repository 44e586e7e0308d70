using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Indexes for derived figure status at scale (checked with EXPLAIN ANALYZE on a million figures):
/// "is there a later standing figure from the same source in this series" becomes one probe of
/// (series_key, source_id, as_of, stated_at), and figure lists in (stated_at, id) order need no sort.
/// Kept out of the entity model so parallel model changes do not collide with them.
/// </summary>
public partial class ClaimsIndexes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_series_source_as_of_stated_at ON figure_versions (series_key, source_id, as_of, stated_at);");
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_stated_at_id ON figure_versions (stated_at, id);");
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_incident_stated_at_id ON figure_versions (incident_id, stated_at, id);");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_series_source_as_of_stated_at;");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_stated_at_id;");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_incident_stated_at_id;");
    }
}
