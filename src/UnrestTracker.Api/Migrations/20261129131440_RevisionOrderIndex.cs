using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <inheritdoc />
public partial class RevisionOrderIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "ix_figure_versions_series_key_stated_at_as_of_id",
            table: "figure_versions",
            columns: new[] { "series_key", "stated_at", "as_of", "id" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(
            name: "ix_figure_versions_series_key_stated_at_as_of_id",
            table: "figure_versions");
    }
}
