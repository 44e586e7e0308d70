using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// perSource "now" kept at write time: <c>figure_status_now.latest</c> marks each (series, source) pair's latest standing
/// figures as <c>latest_standing('infinity', 'infinity')</c> gives them (two of one statement can tie), so a series read of the
/// present takes its sources' figures from one index range instead of walking each pair and planning the walk per request.
/// A current figure is always its pair's latest standing one; a latest one may be superseded by another source's figure
/// naming it in <c>supersedes</c>. The pair's kept latest rows replace its kept current rows (a superset) among those a
/// write recomputes.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206150000_LatestNow")]
public partial class LatestNow : Migration
{
    /// <summary><see cref="StatusNow.StatusesOf"/> with <c>latest</c>: whether the figure is one of its pair's latest standing ones now.</summary>
    internal const string StatusesOf = $"""
        SELECT s.*, s.status = 'current' OR (s.status = 'superseded' AND EXISTS (
                   SELECT 1 FROM public.latest_standing(s.series_key, s.source_id, 'infinity', 'infinity') l
                   WHERE l.id = s.id AND l.version = s.version)) AS latest
        FROM ({StatusNow.StatusesOf}) s
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        ALTER TABLE figure_status_now ADD COLUMN latest boolean NOT NULL DEFAULT false;
        ALTER TABLE figure_status_now ALTER COLUMN latest DROP DEFAULT;
        DROP INDEX ix_figure_status_now_pair;
        CREATE INDEX ix_figure_status_now_latest ON figure_status_now (series_key, source_id) WHERE latest;
        {StatusNow.KeepingFunctions(StatusesOf, ["counted", "latest"], "n.latest")}
        SELECT rebuild_figure_status_now();
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        DROP INDEX ix_figure_status_now_latest;
        CREATE INDEX ix_figure_status_now_pair ON figure_status_now (series_key, source_id) WHERE status = 'current';
        ALTER TABLE figure_status_now DROP COLUMN latest;
        {StatusNow.KeepingFunctions(StatusNow.StatusesOf, ["counted"], "n.status = 'current'")}
        """);
}
