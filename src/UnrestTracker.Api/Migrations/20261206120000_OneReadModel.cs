using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// "A claim standing at (asOf, recordedAsOf)", stated once, in the database: every read (ClaimView through EF Core,
/// LatestPerSource, CurrentFigures, eventSums, the exports, the imports' lookups) selects from these functions. Each is
/// <c>LANGUAGE sql STABLE</c> with one SELECT and neither STRICT nor SECURITY DEFINER, so PostgreSQL inlines it into the
/// calling query, and a caller's filters (a series key, an id) reach the indexes as if the SQL were written out there.
/// <c>asof</c> is knowledge time ('infinity' for "everything said so far"), <c>recorded</c> transaction time.
/// Each NOT EXISTS ends in <c>OFFSET 0</c>, which keeps it a per-row probe of its index (a parameterised subplan) instead of an
/// anti-join: on freshly inserted, un-analysed rows the planner otherwise joined every figure with a full scan of the primary key
/// (a 5,000-figure export took 76 s instead of 0.5 s). Probes cost what the rows asked about cost, whatever the statistics.
/// <list type="bullet">
/// <item><c>figure_versions_at</c>, <c>statement_versions_at</c>, <c>source_versions_at</c>, <c>event_versions_at</c>: each in its version
/// current at recorded (events not tombstoned by then).</item>
/// <item><c>withdrawals_at</c>: statements withdrawn (tombstoned) by recorded; <c>retractions_at</c>: made by asof and recorded by recorded.</item>
/// <item><c>statements_said</c>: statements stated by asof, withdrawn ones included; <c>standing_statements</c>: neither withdrawn nor retracted.</item>
/// <item><c>figures_said</c>: figures stated by asof, withdrawn ones included (readable by id); <c>visible_figures</c>: not withdrawn;
/// <c>standing_figures</c>: not retracted either, the only ones that can supersede or head a series.</item>
/// <item><c>is_later</c>: the "later" order, (asOf, statedAt, first recorded); <c>latest_standing</c> reads it backwards on
/// ix_figure_versions_series_source_latest (ties, two figures of one statement, all come).</item>
/// <item><c>figure_statuses</c>: retracted (withdrawn or retracted), else superseded (a standing figure names it in supersedes, itself
/// excepted, or a standing figure of its series and source is later), else current.</item>
/// </list>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206120000_OneReadModel")]
public partial class OneReadModel : Migration
{
    /// <summary>A versioned table's rows in their version current at recorded: <c>{table}_at(recorded)</c>.</summary>
    private static string VersionsAt(string table, string alsoVisible = "") => $"""
        CREATE FUNCTION {table}_at(recorded timestamptz) RETURNS SETOF {table} LANGUAGE sql STABLE AS $fn$
            SELECT v.* FROM public.{table} v
            WHERE v.recorded_at <= recorded
              AND NOT EXISTS (SELECT 1 FROM public.{table} l WHERE l.id = v.id AND l.version > v.version AND l.recorded_at <= recorded OFFSET 0)
              {alsoVisible}
        $fn$;
        """;

    public static readonly string Functions = VersionsAt("figure_versions") + VersionsAt("statement_versions") + VersionsAt("source_versions")
        + VersionsAt("event_versions", "AND NOT EXISTS (SELECT 1 FROM public.tombstones t WHERE t.entity = 'event' AND t.entity_id = v.id AND t.at <= recorded OFFSET 0)")
        + """
        CREATE FUNCTION withdrawals_at(recorded timestamptz) RETURNS SETOF tombstones LANGUAGE sql STABLE AS $fn$
            SELECT t.* FROM public.tombstones t WHERE t.entity = 'statement' AND t.at <= recorded
        $fn$;
        CREATE FUNCTION retractions_at(asof timestamptz, recorded timestamptz) RETURNS SETOF retractions LANGUAGE sql STABLE AS $fn$
            SELECT r.* FROM public.retractions r WHERE r.recorded_at <= recorded AND r.retracted_at <= asof
        $fn$;
        CREATE FUNCTION statements_said(asof timestamptz, recorded timestamptz) RETURNS SETOF statement_versions LANGUAGE sql STABLE AS $fn$
            SELECT s.* FROM public.statement_versions_at(recorded) s WHERE s.stated_at <= asof
        $fn$;
        CREATE FUNCTION standing_statements(asof timestamptz, recorded timestamptz) RETURNS SETOF statement_versions LANGUAGE sql STABLE AS $fn$
            SELECT s.* FROM public.statements_said(asof, recorded) s
            WHERE NOT EXISTS (SELECT 1 FROM public.withdrawals_at(recorded) t WHERE t.entity_id = s.id OFFSET 0)
              AND NOT EXISTS (SELECT 1 FROM public.retractions_at(asof, recorded) r WHERE r.statement_id = s.id OFFSET 0)
        $fn$;
        CREATE FUNCTION figures_said(asof timestamptz, recorded timestamptz) RETURNS SETOF figure_versions LANGUAGE sql STABLE AS $fn$
            SELECT f.* FROM public.figure_versions_at(recorded) f WHERE f.stated_at <= asof
        $fn$;
        CREATE FUNCTION visible_figures(asof timestamptz, recorded timestamptz) RETURNS SETOF figure_versions LANGUAGE sql STABLE AS $fn$
            SELECT f.* FROM public.figures_said(asof, recorded) f
            WHERE NOT EXISTS (SELECT 1 FROM public.withdrawals_at(recorded) t WHERE t.entity_id = f.statement_id OFFSET 0)
        $fn$;
        CREATE FUNCTION standing_figures(asof timestamptz, recorded timestamptz) RETURNS SETOF figure_versions LANGUAGE sql STABLE AS $fn$
            SELECT f.* FROM public.visible_figures(asof, recorded) f
            WHERE NOT EXISTS (SELECT 1 FROM public.retractions_at(asof, recorded) r WHERE r.statement_id = f.statement_id OFFSET 0)
        $fn$;
        CREATE FUNCTION is_later(as_of timestamptz, stated_at timestamptz, created_at timestamptz,
                                 than_as_of timestamptz, than_stated_at timestamptz, than_created_at timestamptz)
        RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
            SELECT (as_of, stated_at, created_at) > (than_as_of, than_stated_at, than_created_at)
        $fn$;
        CREATE FUNCTION latest_standing(key text, source uuid, asof timestamptz, recorded timestamptz)
        RETURNS SETOF figure_versions LANGUAGE sql STABLE AS $fn$
            SELECT l.* FROM public.standing_figures(asof, recorded) l
            WHERE l.series_key = key AND l.source_id = source
            ORDER BY l.as_of DESC, l.stated_at DESC, l.created_at DESC -- is_later's order, backwards
            FETCH FIRST 1 ROW WITH TIES
        $fn$;
        CREATE FUNCTION figure_statuses(asof timestamptz, recorded timestamptz)
        RETURNS TABLE (id uuid, version integer, status text) LANGUAGE sql STABLE AS $fn$
            SELECT f.id, f.version, CASE
                WHEN EXISTS (SELECT 1 FROM public.withdrawals_at(recorded) t WHERE t.entity_id = f.statement_id)
                  OR EXISTS (SELECT 1 FROM public.retractions_at(asof, recorded) r WHERE r.statement_id = f.statement_id) THEN 'retracted'
                -- g.id <> f.id: nothing supersedes itself (and it keeps the probe on ix_figure_versions_supersedes per row).
                WHEN EXISTS (SELECT 1 FROM public.standing_figures(asof, recorded) g WHERE g.supersedes = f.id AND g.id <> f.id)
                  OR EXISTS (SELECT 1 FROM public.standing_figures(asof, recorded) g
                             WHERE g.series_key = f.series_key AND g.source_id = f.source_id
                               AND public.is_later(g.as_of, g.stated_at, g.created_at, f.as_of, f.stated_at, f.created_at)) THEN 'superseded'
                ELSE 'current' END
            FROM public.figures_said(asof, recorded) f
        $fn$;
        """;

    public const string DropFunctions = """
        DROP FUNCTION figure_statuses(timestamptz, timestamptz);
        DROP FUNCTION latest_standing(text, uuid, timestamptz, timestamptz);
        DROP FUNCTION is_later(timestamptz, timestamptz, timestamptz, timestamptz, timestamptz, timestamptz);
        DROP FUNCTION standing_figures(timestamptz, timestamptz);
        DROP FUNCTION visible_figures(timestamptz, timestamptz);
        DROP FUNCTION figures_said(timestamptz, timestamptz);
        DROP FUNCTION standing_statements(timestamptz, timestamptz);
        DROP FUNCTION statements_said(timestamptz, timestamptz);
        DROP FUNCTION retractions_at(timestamptz, timestamptz);
        DROP FUNCTION withdrawals_at(timestamptz);
        DROP FUNCTION source_versions_at(timestamptz);
        DROP FUNCTION event_versions_at(timestamptz);
        DROP FUNCTION statement_versions_at(timestamptz);
        DROP FUNCTION figure_versions_at(timestamptz);
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Functions);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropFunctions);
}
