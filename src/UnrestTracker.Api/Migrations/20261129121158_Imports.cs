using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <inheritdoc />
public partial class Imports : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Imports look events up by external key in every batch: with the GIN pending list on, each
        // lookup rescans every key inserted since the last cleanup and slows as an import goes on.
        migrationBuilder.Sql("ALTER INDEX ix_event_versions_external_keys SET (fastupdate = off);");

        migrationBuilder.CreateTable(
            name: "import_reports",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                dataset = table.Column<string>(type: "text", nullable: false),
                file_name = table.Column<string>(type: "text", nullable: false),
                file_bytes = table.Column<long>(type: "bigint", nullable: false),
                file_sha256 = table.Column<string>(type: "text", nullable: false),
                released = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                incident = table.Column<string>(type: "text", nullable: true),
                country = table.Column<string>(type: "text", nullable: true),
                from = table.Column<DateOnly>(type: "date", nullable: true),
                to = table.Column<DateOnly>(type: "date", nullable: true),
                rows = table.Column<long>(type: "bigint", nullable: false),
                skipped = table.Column<long>(type: "bigint", nullable: false),
                rejected_count = table.Column<long>(type: "bigint", nullable: false),
                rejected = table.Column<string>(type: "jsonb", nullable: false),
                adjusted_count = table.Column<long>(type: "bigint", nullable: false),
                adjusted = table.Column<string>(type: "jsonb", nullable: false),
                events_created = table.Column<long>(type: "bigint", nullable: false),
                events_updated = table.Column<long>(type: "bigint", nullable: false),
                events_unchanged = table.Column<long>(type: "bigint", nullable: false),
                events_deleted = table.Column<long>(type: "bigint", nullable: false),
                statements_created = table.Column<long>(type: "bigint", nullable: false),
                statements_retracted = table.Column<long>(type: "bigint", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_import_reports", x => x.id);
            });

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_event_id_source_id",
            table: "statement_versions",
            columns: new[] { "event_id", "source_id" },
            filter: "event_id IS NOT NULL");

        migrationBuilder.CreateIndex(
            name: "ix_import_reports_started_at_id",
            table: "import_reports",
            columns: new[] { "started_at", "id" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER INDEX ix_event_versions_external_keys RESET (fastupdate);");

        migrationBuilder.DropTable(
            name: "import_reports");

        migrationBuilder.DropIndex(
            name: "ix_statement_versions_event_id_source_id",
            table: "statement_versions");
    }
}
