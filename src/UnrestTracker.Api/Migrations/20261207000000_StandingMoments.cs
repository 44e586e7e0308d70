using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// <c>standing_moments(key)</c>: the moments on the asOf clock at which what <c>latest_standing</c> and <c>figure_statuses</c>
/// answer for a series can change. Those two compare asof with a figure's statedAt (its asOf only beside
/// <c>as_of &lt;= stated_at</c>, so never first) and with the retractedAt of its statement; a figure's status also follows the
/// figures that supersede it, from any series. Between two such moments every asOf gets the same answer, so
/// <c>figures/over-time</c> asks the database only at the buckets after which one lies: a small incident by day asked at 730
/// bucket ends where about 150 differed. Any version and any recorded retraction counts (a moment too many costs one question more).
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261207000000_StandingMoments")]
public partial class StandingMoments : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE FUNCTION standing_moments(key text) RETURNS SETOF timestamptz LANGUAGE sql STABLE AS $fn$
            SELECT f.stated_at FROM public.figure_versions f WHERE f.series_key = key
            UNION ALL
            SELECT r.retracted_at FROM public.figure_versions f JOIN public.retractions r ON r.statement_id = f.statement_id
            WHERE f.series_key = key
            UNION ALL
            SELECT g.stated_at FROM public.figure_versions f JOIN public.figure_versions g ON g.supersedes = f.id
            WHERE f.series_key = key
            UNION ALL
            SELECT r.retracted_at FROM public.figure_versions f JOIN public.figure_versions g ON g.supersedes = f.id
                JOIN public.retractions r ON r.statement_id = g.statement_id
            WHERE f.series_key = key
        $fn$;
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP FUNCTION standing_moments(text);");
}
