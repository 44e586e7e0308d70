using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <inheritdoc />
public partial class EventSearchCoversPlaces : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<NpgsqlTsVector>(
            name: "search_vector",
            table: "event_versions",
            type: "tsvector",
            nullable: false,
            computedColumnSql: "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(place, '') || ' ' || coalesce(admin2, '') || ' ' || coalesce(admin1, ''), 'english')",
            stored: true,
            oldClrType: typeof(NpgsqlTsVector),
            oldType: "tsvector",
            oldComputedColumnSql: "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(description, ''), 'english')",
            oldStored: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<NpgsqlTsVector>(
            name: "search_vector",
            table: "event_versions",
            type: "tsvector",
            nullable: false,
            computedColumnSql: "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(description, ''), 'english')",
            stored: true,
            oldClrType: typeof(NpgsqlTsVector),
            oldType: "tsvector",
            oldComputedColumnSql: "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(place, '') || ' ' || coalesce(admin2, '') || ' ' || coalesce(admin1, ''), 'english')",
            oldStored: true);
    }
}
