using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// LatestPerSource's walk back through a (series, source) carries what its filters read (recorded_at, statement_id,
/// version), so that at a recordedAsOf in the past the figures recorded after it are skipped in the index rather than
/// fetched one by one from the table: 222 ms to 12 ms for the largest bench incident's 71 pairs at recordedAsOf=2023-01-01.
/// </summary>
public partial class LatestPerSourceCovering : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_figure_versions_series_source_latest;
            CREATE INDEX ix_figure_versions_series_source_latest ON figure_versions (series_key, source_id, as_of, stated_at, created_at, id)
                INCLUDE (recorded_at, statement_id, version);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_figure_versions_series_source_latest;
            CREATE INDEX ix_figure_versions_series_source_latest ON figure_versions (series_key, source_id, as_of, stated_at, created_at, id);
            """);
    }
}
