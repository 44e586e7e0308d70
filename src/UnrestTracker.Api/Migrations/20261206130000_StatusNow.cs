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
/// and tombstones. Beside each status, <c>counted</c>: whether eventSums counts the figure now (current, of an event not deleted,
/// <c>counted_in_event_sums</c>); <c>event_sums_now</c> holds those figures summed per (incident, metric, subject, unit,
/// source), moved by the statement that changes a figure's row. An event never moves to another incident and its date does not
/// matter now, so of event writes only a deletion (an event tombstone) changes them.
/// <para>
/// A write recomputes, by <c>figure_statuses</c> itself (the rule is never restated), the figures it touched, every figure any
/// version of them names in <c>supersedes</c>, and of each (series, source) pair any version of them belongs to (an edit that
/// moves a figure to another series changes both) the figures kept as current and its latest standing ones
/// (<c>latest_standing</c>): only those can change, so a write costs index probes however long the series. The functions are
/// the owner's (SECURITY DEFINER, search_path pinned): the API's role may only read the table (<see cref="DatabaseRoles.DatabaseWritten"/>).
/// <c>rebuild_figure_status_now()</c> refills it from history (the CLI's <c>rebuild-read-model</c>, bench/generate.sql).
/// </para>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206130000_StatusNow")]
public partial class StatusNow : Migration
{
    /// <summary>Every figure's status now with what reads filter it by: figure_statuses('infinity', 'infinity'), for a caller's WHERE.</summary>
    internal const string StatusesOf = """
        SELECT s.id, s.version, f.series_key, f.source_id, f.incident_id, f.event_id, f.stated_at, s.status,
               f.event_id IS NOT NULL AND public.counted_in_event_sums(s.status, f.subject)
               AND EXISTS (SELECT 1 FROM public.event_versions_at('infinity') e WHERE e.id = f.event_id) AS counted
        FROM public.figure_statuses('infinity', 'infinity') s
        JOIN public.figure_versions f ON f.id = s.id AND f.version = s.version
        """;

    /// <summary>
    /// Adds to event_sums_now the figures of <paramref name="moves"/> (figure_id, version, incident_id, sign): +1 counts one
    /// in, -1 takes one out. A count of low (high) is kept beside its sum: the sum is null, as SQL's SUM would say, when it is 0.
    /// </summary>
    private static string AddToSums(string moves) => $"""
        INSERT INTO public.event_sums_now AS e (incident_id, metric, subject, unit, source_id, events, valued, value, lows, low, highs, high)
        SELECT m.incident_id, f.metric, f.subject, f.unit, f.source_id, sum(m.sign)::int,
               coalesce(sum(m.sign) FILTER (WHERE f.value IS NOT NULL), 0)::int, coalesce(sum(m.sign * f.value), 0),
               coalesce(sum(m.sign) FILTER (WHERE coalesce(f.low, f.value) IS NOT NULL), 0)::int, coalesce(sum(m.sign * coalesce(f.low, f.value)), 0),
               coalesce(sum(m.sign) FILTER (WHERE coalesce(f.high, f.value) IS NOT NULL), 0)::int, coalesce(sum(m.sign * coalesce(f.high, f.value)), 0)
        FROM {moves} m JOIN public.figure_versions f ON f.id = m.figure_id AND f.version = m.version
        GROUP BY m.incident_id, f.metric, f.subject, f.unit, f.source_id
        ON CONFLICT (incident_id, metric, subject, unit, source_id) DO UPDATE SET
            events = e.events + excluded.events, valued = e.valued + excluded.valued, value = e.value + excluded.value,
            lows = e.lows + excluded.lows, low = e.low + excluded.low, highs = e.highs + excluded.highs, high = e.high + excluded.high
        """;

    /// <summary>
    /// <c>refresh_figure_status_now</c> and <c>rebuild_figure_status_now</c> keeping <paramref name="columns"/> beside each status, from
    /// <paramref name="statusesOf"/> (a SELECT of every figure's row, aliased s); <paramref name="keptOfPair"/> picks, of a pair's kept
    /// rows (n), those a write to the pair can change; <paramref name="alsoKeep"/> adds data-modifying CTEs that read
    /// <c>written</c> (the rows that changed), and <paramref name="alsoRebuild"/> statements to the rebuild. Later migrations keep more by calling it again.
    /// <paramref name="probeFromTheWrite"/> fences the two lookups of kept rows (OFFSET 0) so that each written row probes the
    /// table by its key, whatever its statistics say (migration ProbesFromTheWrite).
    /// </summary>
    internal static string KeepingFunctions(string statusesOf, string[] columns, string keptOfPair, string alsoKeep = "", string alsoRebuild = "",
        bool probeFromTheWrite = false)
    {
        var keptOfPairs = probeFromTheWrite
            ? $"pairs p CROSS JOIN LATERAL (SELECT n.figure_id FROM public.figure_status_now n WHERE n.series_key = p.series_key AND n.source_id = p.source_id AND {keptOfPair} OFFSET 0) n"
            : $"pairs p JOIN public.figure_status_now n ON n.series_key = p.series_key AND n.source_id = p.source_id AND {keptOfPair}";
        var keptBefore = probeFromTheWrite
            ? "written w CROSS JOIN LATERAL (SELECT b.figure_id, b.version, b.incident_id, b.counted FROM public.figure_status_now b WHERE b.figure_id = w.figure_id OFFSET 0) b WHERE b.counted"
            : "public.figure_status_now b WHERE b.counted AND b.figure_id IN (SELECT w.figure_id FROM written w)";
        var (list, set) = (string.Join(", ", columns), string.Join(", ", columns.Select(c => $"{c} = excluded.{c}")));
        var (kept, excluded) = (string.Join(", ", columns.Select(c => $"n.{c}")), string.Join(", ", columns.Select(c => $"excluded.{c}")));
        return $"""
            CREATE OR REPLACE FUNCTION refresh_figure_status_now(figures uuid[]) RETURNS void
            LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
                WITH touched AS (SELECT v.series_key, v.source_id, v.supersedes FROM public.figure_versions v WHERE v.id = ANY (figures)),
                pairs AS (SELECT DISTINCT t.series_key, t.source_id FROM touched t),
                affected AS (
                    SELECT unnest(figures) AS id
                    UNION SELECT t.supersedes FROM touched t WHERE t.supersedes IS NOT NULL
                    -- Of a pair's other figures only its latest standing ones can change: those kept before this write
                    -- and those latest after it. The rest were superseded and stay so, whatever the pair's size.
                    UNION SELECT n.figure_id FROM {keptOfPairs}
                    UNION SELECT l.id FROM pairs p CROSS JOIN LATERAL public.latest_standing(p.series_key, p.source_id, 'infinity', 'infinity') l
                ),
                written AS (
                    INSERT INTO public.figure_status_now AS n (figure_id, version, series_key, source_id, incident_id, event_id, stated_at, status, {list})
                    {statusesOf}
                    WHERE s.id IN (SELECT a.id FROM affected a)
                    ON CONFLICT (figure_id) DO UPDATE SET version = excluded.version, series_key = excluded.series_key,
                        source_id = excluded.source_id, incident_id = excluded.incident_id, event_id = excluded.event_id,
                        stated_at = excluded.stated_at, status = excluded.status, {set}
                    WHERE (n.version, n.status, {kept}) IS DISTINCT FROM (excluded.version, excluded.status, {excluded})
                    RETURNING n.figure_id, n.version, n.incident_id, n.event_id, n.counted
                ),
                {alsoKeep}
                -- Every sub-statement sees the rows as they were before this one: the kept row is the figure before the write.
                moves AS (
                    SELECT b.figure_id, b.version, b.incident_id, -1 AS sign FROM {keptBefore}
                    UNION ALL SELECT w.figure_id, w.version, w.incident_id, 1 FROM written w WHERE w.counted
                )
                {AddToSums("moves")}
            $fn$;
            REVOKE EXECUTE ON FUNCTION refresh_figure_status_now(uuid[]) FROM PUBLIC;

            CREATE OR REPLACE FUNCTION rebuild_figure_status_now() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
                TRUNCATE figure_status_now, event_sums_now;
                INSERT INTO figure_status_now (figure_id, version, series_key, source_id, incident_id, event_id, stated_at, status, {list})
                {statusesOf};
                {AddToSums("(SELECT n.figure_id, n.version, n.incident_id, 1 AS sign FROM public.figure_status_now n WHERE n.counted)")};
                {alsoRebuild}
            END $fn$;
            REVOKE EXECUTE ON FUNCTION rebuild_figure_status_now() FROM PUBLIC;
            """;
    }

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
                stated_at timestamptz NOT NULL,
                status text NOT NULL,
                counted boolean NOT NULL);
            -- The current figures in the figure list's (statedAt, id) order, of all incidents or of one.
            CREATE INDEX ix_figure_status_now_current ON figure_status_now (stated_at, figure_id) WHERE status = 'current';
            CREATE INDEX ix_figure_status_now_incident ON figure_status_now (incident_id, stated_at, figure_id) WHERE status = 'current';
            CREATE INDEX ix_figure_status_now_pair ON figure_status_now (series_key, source_id) WHERE status = 'current';
            CREATE INDEX ix_figure_status_now_event ON figure_status_now (event_id) WHERE event_id IS NOT NULL;
            CREATE INDEX ix_figure_status_now_counted ON figure_status_now (incident_id) WHERE counted;

            -- eventSums now, per (incident, metric, subject, unit, source): the figures with counted set, summed as they move.
            CREATE TABLE event_sums_now (
                incident_id uuid NOT NULL,
                metric text NOT NULL,
                subject text,
                unit text NOT NULL,
                source_id uuid NOT NULL,
                events integer NOT NULL,
                valued integer NOT NULL,
                value numeric NOT NULL,
                lows integer NOT NULL,
                low numeric NOT NULL,
                highs integer NOT NULL,
                high numeric NOT NULL);
            CREATE UNIQUE INDEX ux_event_sums_now ON event_sums_now (incident_id, metric, subject, unit, source_id) NULLS NOT DISTINCT;

            -- Which current event-level figures eventSums counts (EventSumsSql reads it too): side_a and side_b name different
            -- parties in different events (UCDP's dyads), so they are never summed.
            CREATE FUNCTION counted_in_event_sums(status text, subject text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
                SELECT status = 'current' AND (subject IS NULL OR subject NOT IN ('side_a', 'side_b'))
            $fn$;

            {KeepingFunctions(StatusesOf, ["counted"], "n.status = 'current'")}
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
                -- A withdrawn statement retracts its figures; a deleted event's figures keep their status but are no longer counted.
                PERFORM public.refresh_figure_status_now(ARRAY(
                    SELECT f.id FROM public.figure_versions f
                    WHERE f.statement_id IN (SELECT n.entity_id FROM new_rows n WHERE n.entity = 'statement')
                    UNION SELECT k.figure_id FROM public.figure_status_now k
                    WHERE k.event_id IN (SELECT n.entity_id FROM new_rows n WHERE n.entity = 'event')));
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
            DROP FUNCTION counted_in_event_sums(text, text);
            DROP TABLE event_sums_now;
            DROP TABLE figure_status_now;
            """);
    }
}
