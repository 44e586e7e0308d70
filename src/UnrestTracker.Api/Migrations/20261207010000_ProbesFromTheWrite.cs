using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// <c>refresh_figure_status_now</c> looks up the kept rows from the rows a write touched, never the other way round. With the
/// statistics of an earlier, different table (a test database emptied by TRUNCATE keeps them; so does a table whose contents
/// changed faster than autovacuum analyses it) the planner took <c>figure_status_now</c> for one row and scanned all of its
/// latest (counted) rows once per touched pair (written figure): 100 million comparisons for one batch of 1,000 UCDP events
/// (21 s, growing with every batch until the import's batch timeout). A lateral subquery the planner cannot pull up
/// (<c>OFFSET 0</c>) makes each touched pair and each written figure one index probe whatever the estimates; the written
/// figure's kept row is found by its key alone (given <c>counted</c> too, the planner chose the partial index of counted rows
/// by incident, believing it nearly empty, and filtered its 12,000 rows once per written figure).
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261207010000_ProbesFromTheWrite")]
public partial class ProbesFromTheWrite : Migration
{
    private static string Keeping(bool probeFromTheWrite) => StatusNow.KeepingFunctions(CheaperImportWrites.StatusesOf, ["counted", "latest"], "n.latest",
        EventFiguresNow.Keep, EventFiguresNow.Rebuild, probeFromTheWrite);

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Keeping(probeFromTheWrite: true));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Keeping(probeFromTheWrite: false));
}
