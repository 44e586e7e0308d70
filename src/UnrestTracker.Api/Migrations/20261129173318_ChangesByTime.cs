using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <inheritdoc />
public partial class ChangesByTime : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "ix_changes_at_seq",
            table: "changes",
            columns: new[] { "at", "seq" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(
            name: "ix_changes_at_seq",
            table: "changes");
    }
}
