using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The same rules and the same kept rows, for less work per written row (an import's COPY batch writes thousands):
/// <list type="bullet">
/// <item><c>refresh_figure_status_now</c> derives each affected figure's status once. <c>figure_statuses</c> is inlined, so every
/// use of its <c>status</c> (the status itself, <c>counted</c>, <c>latest</c> twice) restated the whole CASE with its probes:
/// each figure's withdrawal, retraction, supersedes and "later" probes ran four times. A lateral subquery that the planner
/// cannot pull up (<c>OFFSET 0</c>) computes it once per figure and hands it on; the filter on the affected figures still
/// reaches <c>figure_statuses</c>' scan.</item>
/// <item><c>history_stamp()</c>, called for every history row, reads the clock first and returns this transaction's stamp when it
/// has one: the write lock was taken when that stamp was set, in this transaction. Only the first call of a transaction takes
/// the lock, reads the clock again under it, and sets the stamp.</item>
/// <item>The row triggers that stamp history rows read this transaction's stamp from <c>history_clock</c> themselves (writers may
/// read it, not write it) and call <c>history_stamp()</c> only while it has none: a call of a SECURITY DEFINER function with its
/// own search_path costs more than the read, for each of the five history rows an imported row writes. The read names
/// pg_catalog's operator and function, so a caller's search_path cannot change which stamp it takes.</item>
/// </list>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206154000_CheaperImportWrites")]
public partial class CheaperImportWrites : Migration
{
    /// <summary><see cref="LatestNow.StatusesOf"/> with each figure's status derived once (st), for the same columns and alias s.</summary>
    internal const string StatusesOf = """
        SELECT s.id, s.version, f.series_key, f.source_id, f.incident_id, f.event_id, f.stated_at, st.status,
               f.event_id IS NOT NULL AND public.counted_in_event_sums(st.status, f.subject)
               AND EXISTS (SELECT 1 FROM public.event_versions_at('infinity') e WHERE e.id = f.event_id) AS counted,
               st.status = 'current' OR (st.status = 'superseded' AND EXISTS (
                   SELECT 1 FROM public.latest_standing(f.series_key, f.source_id, 'infinity', 'infinity') l
                   WHERE l.id = s.id AND l.version = s.version)) AS latest
        FROM public.figure_statuses('infinity', 'infinity') s
        CROSS JOIN LATERAL (SELECT s.status OFFSET 0) st
        JOIN public.figure_versions f ON f.id = s.id AND f.version = s.version
        """;

    /// <summary>history_stamp() as TransactionTime wrote it (<paramref name="cachedFirst"/> false) or reading its stamp before the lock.</summary>
    private static string HistoryStamp(bool cachedFirst) => $"""
        CREATE OR REPLACE FUNCTION history_stamp() RETURNS timestamptz
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            clock record;
            stamp timestamptz;
        BEGIN
            {(cachedFirst ? """
            SELECT c.tx, c.at INTO clock FROM public.history_clock c;
            IF clock.tx = pg_current_xact_id() THEN
                RETURN clock.at;
            END IF;
            """ : "")}
            PERFORM pg_advisory_xact_lock({Writer.WriteLockKey});
            SELECT c.tx, c.at INTO clock FROM public.history_clock c;
            IF clock.tx = pg_current_xact_id() THEN
                RETURN clock.at;
            END IF;
            stamp := greatest(clock_timestamp(), clock.at + interval '1 microsecond');
            INSERT INTO public.history_clock AS c (singleton, tx, at) VALUES (true, pg_current_xact_id(), stamp)
                ON CONFLICT (singleton) DO UPDATE SET tx = excluded.tx, at = excluded.at;
            RETURN stamp;
        END $fn$;
        """;

    /// <summary>This transaction's stamp: the clock's when this transaction set it, else a new one from history_stamp().</summary>
    private const string TransactionStamp =
        "coalesce((SELECT c.at FROM public.history_clock c WHERE c.tx OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()), public.history_stamp())";

    /// <summary>history_stamp_event and the versioned tables' stamping triggers as TransactionTime wrote them, taking <paramref name="stamp"/>.</summary>
    private static string StampingTriggers(string stamp) => $"""
        CREATE OR REPLACE FUNCTION history_stamp_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_TABLE_NAME IN ('tombstones', 'changes') THEN
                NEW.at := {stamp};
            ELSE
                NEW.recorded_at := {stamp};
            END IF;
            RETURN NEW;
        END $fn$;
        """ + string.Concat(new[] { "incident_versions", "source_versions", "event_versions", "statement_versions", "figure_versions" }.Select(table => $"""

        CREATE OR REPLACE FUNCTION {table}_stamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            previous record;
        BEGIN
            NEW.recorded_at := {stamp};
            SELECT p.version, p.created_at INTO previous FROM public.{table} p WHERE p.id = NEW.id ORDER BY p.version DESC LIMIT 1;
            IF NEW.version IS DISTINCT FROM coalesce(previous.version, 0) + 1 THEN
                RAISE EXCEPTION 'history is append-only: version % of % in {table} must be %', NEW.version, NEW.id, coalesce(previous.version, 0) + 1
                    USING ERRCODE = 'check_violation';
            END IF;
            NEW.created_at := coalesce(previous.created_at, NEW.recorded_at);
            RETURN NEW;
        END $fn$;
        """));

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
        StatusNow.KeepingFunctions(StatusesOf, ["counted", "latest"], "n.latest", EventFiguresNow.Keep, EventFiguresNow.Rebuild) + HistoryStamp(cachedFirst: true) + StampingTriggers(TransactionStamp));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
        StatusNow.KeepingFunctions(LatestNow.StatusesOf, ["counted", "latest"], "n.latest", EventFiguresNow.Keep, EventFiguresNow.Rebuild) + HistoryStamp(cachedFirst: false)
        + StampingTriggers("public.history_stamp()"));
}
