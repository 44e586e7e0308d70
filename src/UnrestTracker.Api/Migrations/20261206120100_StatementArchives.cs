using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Statements name a copy of their evidence (<c>archive_url</c>) and when it was made (<c>archived_at</c>), versioned
/// like every other field. Adding nullable columns rewrites no row, and the append-only triggers (BEFORE UPDATE OR
/// DELETE) do not fire on ALTER TABLE: earlier versions keep null, as they had no archive.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206120100_StatementArchives")]
public partial class StatementArchives : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "archive_url", table: "statement_versions", type: "text", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "archived_at", table: "statement_versions", type: "timestamp with time zone", nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "archived_at", table: "statement_versions");
        migrationBuilder.DropColumn(name: "archive_url", table: "statement_versions");
    }
}
