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
/// </list>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206152000_CheaperImportWrites")]
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

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
        StatusNow.KeepingFunctions(StatusesOf, ["counted", "latest"], "n.latest") + HistoryStamp(cachedFirst: true));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
        StatusNow.KeepingFunctions(LatestNow.StatusesOf, ["counted", "latest"], "n.latest") + HistoryStamp(cachedFirst: false));
}
