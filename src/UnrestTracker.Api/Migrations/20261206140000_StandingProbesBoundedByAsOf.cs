using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The same rules as OneReadModel's <c>latest_standing</c> and <c>figure_statuses</c>, read along a shorter path at an earlier asOf.
/// Both look for the latest figure of a (series, source) said by asOf, walking ix_figure_versions_series_source_latest backwards
/// in the "later" order, (asOf, statedAt, first recorded). <c>stated_at &lt;= asof</c> cannot bound that walk, so at a moment early
/// in a long series it stepped over every figure stated after it: figures/over-time at the largest bench incident's first weeks
/// cost 3 to 5 times its last ones, growing with the series. A figure whose asOf is not after its statedAt (nearly every one)
/// and that was said by asof also has <c>as_of &lt;= asof</c>, which bounds the walk; the few with asOf after statedAt are read
/// apart, from a partial index of them. The two parts of the set are disjoint and ties never cross them (a tie has equal asOf
/// and statedAt), so the latest of both parts is the latest of the whole: nothing answers differently.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206140000_StandingProbesBoundedByAsOf")]
public partial class StandingProbesBoundedByAsOf : Migration
{
    /// <summary>The figures of a (series, source) standing at asof, latest first, among those whose asOf is <paramref name="part"/> statedAt.</summary>
    private static string LatestOf(string part) => $"""
        (SELECT l.* FROM public.standing_figures(asof, recorded) l
         WHERE l.series_key = key AND l.source_id = source AND {part}
         ORDER BY l.as_of DESC, l.stated_at DESC, l.created_at DESC FETCH FIRST 1 ROW WITH TIES)
        """;

    /// <summary>A standing figure of f's series and source later than f, among those whose asOf is <paramref name="part"/> statedAt.</summary>
    private static string LaterOf(string part) => $"""
        EXISTS (SELECT 1 FROM public.standing_figures(asof, recorded) g
                WHERE g.series_key = f.series_key AND g.source_id = f.source_id AND {part}
                  AND public.is_later(g.as_of, g.stated_at, g.created_at, f.as_of, f.stated_at, f.created_at))
        """;

    private const string Said = "l.as_of <= l.stated_at AND l.as_of <= asof";
    private const string Ahead = "l.as_of > l.stated_at";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE INDEX ix_figure_versions_series_source_ahead ON figure_versions (series_key, source_id, as_of, stated_at, created_at, id)
            INCLUDE (recorded_at, statement_id, version) WHERE as_of > stated_at;
        CREATE OR REPLACE FUNCTION latest_standing(key text, source uuid, asof timestamptz, recorded timestamptz)
        RETURNS SETOF figure_versions LANGUAGE sql STABLE AS $fn$
            SELECT u.* FROM ({LatestOf(Said)} UNION ALL {LatestOf(Ahead)}) u
            ORDER BY u.as_of DESC, u.stated_at DESC, u.created_at DESC -- is_later's order, backwards
            FETCH FIRST 1 ROW WITH TIES
        $fn$;
        CREATE OR REPLACE FUNCTION figure_statuses(asof timestamptz, recorded timestamptz)
        RETURNS TABLE (id uuid, version integer, status text) LANGUAGE sql STABLE AS $fn$
            SELECT f.id, f.version, CASE
                WHEN EXISTS (SELECT 1 FROM public.withdrawals_at(recorded) t WHERE t.entity_id = f.statement_id)
                  OR EXISTS (SELECT 1 FROM public.retractions_at(asof, recorded) r WHERE r.statement_id = f.statement_id) THEN 'retracted'
                -- g.id <> f.id: nothing supersedes itself (and it keeps the probe on ix_figure_versions_supersedes per row).
                WHEN EXISTS (SELECT 1 FROM public.standing_figures(asof, recorded) g WHERE g.supersedes = f.id AND g.id <> f.id)
                  OR {LaterOf(Said.Replace("l.", "g.", StringComparison.Ordinal))}
                  OR {LaterOf(Ahead.Replace("l.", "g.", StringComparison.Ordinal))} THEN 'superseded'
                ELSE 'current' END
            FROM public.figures_said(asof, recorded) f
        $fn$;
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var functions = OneReadModel.Functions;
        migrationBuilder.Sql(functions[functions.IndexOf("CREATE FUNCTION latest_standing", StringComparison.Ordinal)..]
            .Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal));
        migrationBuilder.Sql("DROP INDEX ix_figure_versions_series_source_ahead;");
    }
}
