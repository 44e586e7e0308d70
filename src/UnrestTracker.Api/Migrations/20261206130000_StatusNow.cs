using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// "Now" kept at write time: <c>figure_status_now</c> holds every figure's status at asOf = recordedAsOf = 'infinity', as
/// <c>figure_statuses</c> (migration OneReadModel) gives it, so that a read of the present probes one row per figure instead
/// of deriving each status again. Kept in the writing transaction by statement-level AFTER INSERT triggers (one recompute per
/// statement, so an import's COPY batch pays once) on the tables <c>figure_statuses</c> reads: figure_versions, retractions,
/// and statement tombstones (withdrawals). Events do not enter a figure's status (a tombstoned event's figures keep theirs;
/// eventSums joins the events itself), so event writes leave the table alone.
/// <para>
/// A write recomputes, by <c>figure_statuses</c> itself (the rule is never restated), the figures it touched, every figure of
/// each (series, source) pair any version of them belongs to (an edit that moves a figure to another series changes both), and
/// every figure any version of them names in <c>supersedes</c>. The functions are the owner's (SECURITY DEFINER, search_path
/// pinned): the API's role may only read the table (<see cref="DatabaseRoles.DatabaseWritten"/>).
/// <c>rebuild_figure_status_now()</c> refills it from history (the CLI's <c>rebuild-read-model</c>, bench/generate.sql).
/// </para>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206130000_StatusNow")]
public partial class StatusNow : Migration
{
    /// <summary>Every figure's status now with what reads filter it by: figure_statuses('infinity', 'infinity'), for a caller's WHERE.</summary>
    private const string StatusesOf = """
        SELECT s.id, s.version, f.series_key, f.source_id, f.incident_id, f.event_id, s.status
        FROM public.figure_statuses('infinity', 'infinity') s
        JOIN public.figure_versions f ON f.id = s.id AND f.version = s.version
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE figure_status_now (
                figure_id uuid PRIMARY KEY,
                version integer NOT NULL,
                series_key text NOT NULL,
                source_id uuid NOT NULL,
                incident_id uuid NOT NULL,
                event_id uuid,
                status text NOT NULL);
            CREATE INDEX ix_figure_status_now_incident ON figure_status_now (incident_id) WHERE status = 'current';

            CREATE FUNCTION refresh_figure_status_now(figures uuid[]) RETURNS void
            LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
                WITH touched AS (SELECT v.series_key, v.source_id, v.supersedes FROM public.figure_versions v WHERE v.id = ANY (figures)),
                affected AS (
                    SELECT unnest(figures) AS id
                    UNION SELECT t.supersedes FROM touched t WHERE t.supersedes IS NOT NULL
                    UNION SELECT g.id FROM touched t JOIN public.figure_versions g ON g.series_key = t.series_key AND g.source_id = t.source_id
                )
                INSERT INTO public.figure_status_now AS n (figure_id, version, series_key, source_id, incident_id, event_id, status)
                {StatusesOf}
                WHERE s.id IN (SELECT a.id FROM affected a)
                ON CONFLICT (figure_id) DO UPDATE SET version = excluded.version, series_key = excluded.series_key,
                    source_id = excluded.source_id, incident_id = excluded.incident_id, event_id = excluded.event_id, status = excluded.status
                WHERE (n.version, n.status) IS DISTINCT FROM (excluded.version, excluded.status)
            $fn$;
            REVOKE EXECUTE ON FUNCTION refresh_figure_status_now(uuid[]) FROM PUBLIC;

            CREATE FUNCTION rebuild_figure_status_now() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
                TRUNCATE figure_status_now;
                INSERT INTO figure_status_now (figure_id, version, series_key, source_id, incident_id, event_id, status)
                {StatusesOf};
            END $fn$;
            REVOKE EXECUTE ON FUNCTION rebuild_figure_status_now() FROM PUBLIC;

            CREATE FUNCTION figure_status_now_after_figures() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
                PERFORM public.refresh_figure_status_now(ARRAY(SELECT DISTINCT n.id FROM new_rows n));
                RETURN NULL;
            END $fn$;
            CREATE FUNCTION figure_status_now_after_statements() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
                -- A retraction names its statement; a tombstone withdraws one when its entity is a statement.
                PERFORM public.refresh_figure_status_now(ARRAY(
                    SELECT DISTINCT f.id FROM public.figure_versions f
                    WHERE f.statement_id IN (SELECT n.statement_id FROM new_rows n)));
                RETURN NULL;
            END $fn$;
            CREATE FUNCTION figure_status_now_after_tombstones() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
                PERFORM public.refresh_figure_status_now(ARRAY(
                    SELECT DISTINCT f.id FROM public.figure_versions f
                    WHERE f.statement_id IN (SELECT n.entity_id FROM new_rows n WHERE n.entity = 'statement')));
                RETURN NULL;
            END $fn$;

            CREATE TRIGGER figure_versions_status_now AFTER INSERT ON figure_versions
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_status_now_after_figures();
            CREATE TRIGGER retractions_status_now AFTER INSERT ON retractions
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_status_now_after_statements();
            CREATE TRIGGER tombstones_status_now AFTER INSERT ON tombstones
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_status_now_after_tombstones();

            SELECT rebuild_figure_status_now();
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER tombstones_status_now ON tombstones;
            DROP TRIGGER retractions_status_now ON retractions;
            DROP TRIGGER figure_versions_status_now ON figure_versions;
            DROP FUNCTION figure_status_now_after_tombstones();
            DROP FUNCTION figure_status_now_after_statements();
            DROP FUNCTION figure_status_now_after_figures();
            DROP FUNCTION rebuild_figure_status_now();
            DROP FUNCTION refresh_figure_status_now(uuid[]);
            DROP TABLE figure_status_now;
            """);
    }
}
