using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Each source's latest standing figure of a series is a top-1 in ClaimView.LatestFirst order (asOf, statedAt,
/// first recorded, id): with the whole order in the index, the read stops at the first standing row instead of
/// sorting the source's every figure of the series.
/// </summary>
public partial class LatestPerSourceOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_series_source_latest ON figure_versions (series_key, source_id, as_of, stated_at, created_at, id);");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_series_source_as_of_stated_at;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_figure_versions_series_source_as_of_stated_at ON figure_versions (series_key, source_id, as_of, stated_at);");
        migrationBuilder.Sql("DROP INDEX IF EXISTS ix_figure_versions_series_source_latest;");
    }
}
