using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <inheritdoc />
public partial class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                scope = table.Column<string>(type: "text", nullable: false),
                hash = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_keys", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "changes",
            columns: table => new
            {
                seq = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                entity = table.Column<string>(type: "text", nullable: false),
                entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                op = table.Column<string>(type: "text", nullable: false),
                at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_changes", x => x.seq);
            });

        migrationBuilder.CreateTable(
            name: "event_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                date = table.Column<DateOnly>(type: "date", nullable: false),
                end_date = table.Column<DateOnly>(type: "date", nullable: true),
                date_precision = table.Column<string>(type: "text", nullable: false),
                type = table.Column<string>(type: "text", nullable: false),
                sub_type = table.Column<string>(type: "text", nullable: true),
                title = table.Column<string>(type: "text", nullable: false),
                description = table.Column<string>(type: "text", nullable: true),
                country = table.Column<string>(type: "text", nullable: false),
                admin1 = table.Column<string>(type: "text", nullable: true),
                admin2 = table.Column<string>(type: "text", nullable: true),
                place = table.Column<string>(type: "text", nullable: true),
                latitude = table.Column<double>(type: "double precision", nullable: true),
                longitude = table.Column<double>(type: "double precision", nullable: true),
                location_precision = table.Column<string>(type: "text", nullable: false),
                actors = table.Column<string[]>(type: "text[]", nullable: false),
                tags = table.Column<string[]>(type: "text[]", nullable: false),
                source_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                external_refs = table.Column<string>(type: "jsonb", nullable: false),
                external_keys = table.Column<string[]>(type: "text[]", nullable: false),
                search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                    .Annotation("Npgsql:TsVectorConfig", "english")
                    .Annotation("Npgsql:TsVectorProperties", new[] { "title", "description" }),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_event_versions", x => new { x.id, x.version });
            });

        migrationBuilder.CreateTable(
            name: "figure_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                ordinal = table.Column<int>(type: "integer", nullable: false),
                metric = table.Column<string>(type: "text", nullable: false),
                subject = table.Column<string>(type: "text", nullable: true),
                value = table.Column<decimal>(type: "numeric", nullable: true),
                low = table.Column<decimal>(type: "numeric", nullable: true),
                high = table.Column<decimal>(type: "numeric", nullable: true),
                qualifier = table.Column<string>(type: "text", nullable: false),
                unit = table.Column<string>(type: "text", nullable: false),
                scope_country = table.Column<string>(type: "text", nullable: true),
                scope_admin1 = table.Column<string>(type: "text", nullable: true),
                scope_place = table.Column<string>(type: "text", nullable: true),
                as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                supersedes = table.Column<Guid>(type: "uuid", nullable: true),
                incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                source_id = table.Column<Guid>(type: "uuid", nullable: false),
                stated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                series_key = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_figure_versions", x => new { x.id, x.version });
            });

        migrationBuilder.CreateTable(
            name: "idempotency_records",
            columns: table => new
            {
                client = table.Column<string>(type: "text", nullable: false),
                key = table.Column<string>(type: "text", nullable: false),
                request_hash = table.Column<string>(type: "text", nullable: false),
                status = table.Column<int>(type: "integer", nullable: false),
                headers_json = table.Column<string>(type: "jsonb", nullable: false),
                body = table.Column<byte[]>(type: "bytea", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_idempotency_records", x => new { x.client, x.key });
            });

        migrationBuilder.CreateTable(
            name: "incident_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                slug = table.Column<string>(type: "text", nullable: false),
                title = table.Column<string>(type: "text", nullable: false),
                summary = table.Column<string>(type: "text", nullable: false),
                countries = table.Column<string[]>(type: "text[]", nullable: false),
                start_date = table.Column<DateOnly>(type: "date", nullable: false),
                end_date = table.Column<DateOnly>(type: "date", nullable: true),
                tags = table.Column<string[]>(type: "text[]", nullable: false),
                search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                    .Annotation("Npgsql:TsVectorConfig", "english")
                    .Annotation("Npgsql:TsVectorProperties", new[] { "title", "summary" }),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_incident_versions", x => new { x.id, x.version });
            });

        migrationBuilder.CreateTable(
            name: "retractions",
            columns: table => new
            {
                statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                retracted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                reason = table.Column<string>(type: "text", nullable: false),
                by_statement_id = table.Column<Guid>(type: "uuid", nullable: true),
                by_source_id = table.Column<Guid>(type: "uuid", nullable: true),
                url = table.Column<string>(type: "text", nullable: true),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_retractions", x => x.statement_id);
            });

        migrationBuilder.CreateTable(
            name: "source_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                kind = table.Column<string>(type: "text", nullable: false),
                country = table.Column<string>(type: "text", nullable: true),
                url = table.Column<string>(type: "text", nullable: true),
                parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                    .Annotation("Npgsql:TsVectorConfig", "simple")
                    .Annotation("Npgsql:TsVectorProperties", new[] { "name" }),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_source_versions", x => new { x.id, x.version });
            });

        migrationBuilder.CreateTable(
            name: "statement_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                event_id = table.Column<Guid>(type: "uuid", nullable: true),
                source_id = table.Column<Guid>(type: "uuid", nullable: false),
                stated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                url = table.Column<string>(type: "text", nullable: true),
                publisher = table.Column<string>(type: "text", nullable: true),
                quote = table.Column<string>(type: "text", nullable: true),
                summary = table.Column<string>(type: "text", nullable: false),
                language = table.Column<string>(type: "text", nullable: true),
                external_refs = table.Column<string>(type: "jsonb", nullable: false),
                external_keys = table.Column<string[]>(type: "text[]", nullable: false),
                search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                    .Annotation("Npgsql:TsVectorConfig", "english")
                    .Annotation("Npgsql:TsVectorProperties", new[] { "summary", "quote" }),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_statement_versions", x => new { x.id, x.version });
            });

        migrationBuilder.CreateTable(
            name: "tombstones",
            columns: table => new
            {
                entity = table.Column<string>(type: "text", nullable: false),
                entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                by = table.Column<string>(type: "text", nullable: false),
                reason = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_tombstones", x => new { x.entity, x.entity_id });
            });

        migrationBuilder.CreateIndex(
            name: "ix_api_keys_hash",
            table: "api_keys",
            column: "hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_api_keys_name",
            table: "api_keys",
            column: "name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_actors",
            table: "event_versions",
            column: "actors")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_country_date_id",
            table: "event_versions",
            columns: new[] { "country", "date", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_date_id",
            table: "event_versions",
            columns: new[] { "date", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_external_keys",
            table: "event_versions",
            column: "external_keys")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_incident_id_date_id",
            table: "event_versions",
            columns: new[] { "incident_id", "date", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_longitude_latitude",
            table: "event_versions",
            columns: new[] { "longitude", "latitude" });

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_search_vector",
            table: "event_versions",
            column: "search_vector")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_event_versions_type_date_id",
            table: "event_versions",
            columns: new[] { "type", "date", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_figure_versions_incident_id_metric_stated_at_id",
            table: "figure_versions",
            columns: new[] { "incident_id", "metric", "stated_at", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_figure_versions_series_key_as_of_stated_at_id",
            table: "figure_versions",
            columns: new[] { "series_key", "as_of", "stated_at", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_figure_versions_statement_id_version",
            table: "figure_versions",
            columns: new[] { "statement_id", "version" });

        migrationBuilder.CreateIndex(
            name: "ix_figure_versions_supersedes",
            table: "figure_versions",
            column: "supersedes");

        migrationBuilder.CreateIndex(
            name: "ix_idempotency_records_created_at",
            table: "idempotency_records",
            column: "created_at");

        migrationBuilder.CreateIndex(
            name: "ix_incident_versions_countries",
            table: "incident_versions",
            column: "countries")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_incident_versions_search_vector",
            table: "incident_versions",
            column: "search_vector")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_incident_versions_slug",
            table: "incident_versions",
            column: "slug");

        migrationBuilder.CreateIndex(
            name: "ix_retractions_retracted_at_statement_id",
            table: "retractions",
            columns: new[] { "retracted_at", "statement_id" });

        migrationBuilder.CreateIndex(
            name: "ix_source_versions_kind_id",
            table: "source_versions",
            columns: new[] { "kind", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_source_versions_search_vector",
            table: "source_versions",
            column: "search_vector")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_external_keys",
            table: "statement_versions",
            column: "external_keys")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_incident_id_stated_at_id",
            table: "statement_versions",
            columns: new[] { "incident_id", "stated_at", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_search_vector",
            table: "statement_versions",
            column: "search_vector")
            .Annotation("Npgsql:IndexMethod", "GIN");

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_source_id_stated_at_id",
            table: "statement_versions",
            columns: new[] { "source_id", "stated_at", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_statement_versions_stated_at_id",
            table: "statement_versions",
            columns: new[] { "stated_at", "id" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "api_keys");

        migrationBuilder.DropTable(
            name: "changes");

        migrationBuilder.DropTable(
            name: "event_versions");

        migrationBuilder.DropTable(
            name: "figure_versions");

        migrationBuilder.DropTable(
            name: "idempotency_records");

        migrationBuilder.DropTable(
            name: "incident_versions");

        migrationBuilder.DropTable(
            name: "retractions");

        migrationBuilder.DropTable(
            name: "source_versions");

        migrationBuilder.DropTable(
            name: "statement_versions");

        migrationBuilder.DropTable(
            name: "tombstones");
    }
}
