using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// <c>refresh_import_statistics()</c> also analyses the tables the writes keep beside history: after the UCDP Syria file
/// was imported into a fresh database, the first weekly <c>stats/figures</c> of a conflict planned its read of
/// <c>event_figures_now</c> and <c>events_now</c> with the empty tables' statistics and outlived the request's 10 s,
/// until autovacuum analysed them; the next request took 65 ms.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206230000_ImportStatisticsOfTheReadModel")]
public partial class ImportStatisticsOfTheReadModel : Migration
{
    private static string Refresh(string tables) => $"""
        CREATE OR REPLACE FUNCTION refresh_import_statistics() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
            ANALYZE {tables};
        END $$;
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Refresh(
        "event_versions, statement_versions, figure_versions, figure_status_now, event_sums_now, event_figures_now, event_clusters_now, events_now"));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Refresh("event_versions, statement_versions, figure_versions"));
}
