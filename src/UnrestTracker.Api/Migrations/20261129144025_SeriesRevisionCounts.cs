using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// <c>revisionCount</c> kept at write time, so that a series of 100,000 revisions is counted like one of ten, at any
/// asOf and recordedAsOf (docs/api.md: the series' figures, retracted ones included, withdrawn ones not).
/// <para>
/// <c>series_revisions</c> is append-only: one row per change to an incident-wide series' membership, written by
/// statement-level triggers on <c>figure_versions</c> and <c>tombstones</c>, so the API's writes and the import's COPY
/// keep it alike: +1 when a figure is first recorded; -1 from its old place and +1 in its new one when a version moves it
/// to another series or statedAt; -1 when its statement is withdrawn. Each row carries the running totals of its series
/// and of its (series, source) after its write (rows of one write share them), and the largest lag between statedAt and
/// recording of any new figure so far. The count at (A, R) is then the total at min(A, R), one index probe, corrected by
/// the few rows whose statedAt and recording fall on different sides of A (see <c>series_revision_count</c>).
/// Totals follow <c>recorded_at</c> order because every write holds the write lock (Infrastructure/Db/Writer.cs); the
/// triggers take it too.
/// </para>
/// <para><c>figure_series</c>: one row per incident-wide series (insert-only), so an incident's series are listed without
/// reading its figures.</para>
/// </summary>
public partial class SeriesRevisionCounts : Migration
{
    private const long WriteLockKey = 7_301_2022;

    private static string Catalog(string rows) => $"""
        INSERT INTO figure_series (series_key, incident_id, metric, subject, scope_country, scope_admin1, scope_place, unit, recorded_at)
        SELECT DISTINCT ON (series_key) series_key, incident_id, metric, subject, scope_country, scope_admin1, scope_place, unit, recorded_at
        FROM {rows} WHERE event_id IS NULL ORDER BY series_key, recorded_at
        ON CONFLICT (series_key) DO NOTHING
        """;

    /// <summary>Changes made by figure versions: a new figure joins its series; a version that moves one leaves and joins.</summary>
    private static string FigureDeltas(string rows) => $"""
        SELECT a.series_key, a.source_id, a.recorded_at, a.stated_at, 1 AS delta, false AS moved
        FROM {rows} a WHERE a.version = 1 AND a.event_id IS NULL
        UNION ALL
        SELECT x.series_key, a.source_id, a.recorded_at, x.stated_at, x.delta, true
        FROM {rows} a JOIN figure_versions p ON p.id = a.id AND p.version = a.version - 1
        CROSS JOIN LATERAL (VALUES (p.series_key, p.stated_at, -1), (a.series_key, a.stated_at, 1)) x(series_key, stated_at, delta)
        WHERE a.version > 1 AND a.event_id IS NULL AND (p.series_key <> a.series_key OR p.stated_at <> a.stated_at)
          AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = a.statement_id AND t.at <= a.recorded_at)
        """;

    /// <summary>Changes made by withdrawals: each figure of the statement, in its version at the time, leaves its series.</summary>
    private static string WithdrawalDeltas(string rows) => $"""
        SELECT f.series_key, f.source_id, t.at AS recorded_at, f.stated_at, -1 AS delta, true AS moved
        FROM {rows} t CROSS JOIN LATERAL (
            SELECT DISTINCT ON (f.id) f.series_key, f.source_id, f.stated_at, f.event_id FROM figure_versions f
            WHERE f.statement_id = t.entity_id AND f.recorded_at <= t.at ORDER BY f.id, f.version DESC) f
        WHERE t.entity = 'statement' AND f.event_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM tombstones e WHERE e.entity = 'statement' AND e.entity_id = t.entity_id AND e.at < t.at)
        """;

    /// <summary>Appends the changes with the running totals that follow the newest row of each series and (series, source).</summary>
    private static string Append(string deltas) => $"""
        WITH d AS ({deltas}),
        g AS (
            SELECT d.*, sum(d.delta) OVER (PARTITION BY d.series_key ORDER BY d.recorded_at) AS run,
                   sum(d.delta) OVER (PARTITION BY d.series_key, d.source_id ORDER BY d.recorded_at) AS source_run,
                   max(CASE WHEN NOT d.moved THEN greatest(d.recorded_at - d.stated_at, interval '0') END)
                       OVER (PARTITION BY d.series_key ORDER BY d.recorded_at) AS lag_run
            FROM d),
        ps AS (
            SELECT k.series_key, p.total, p.max_lag FROM (SELECT DISTINCT series_key FROM d) k LEFT JOIN LATERAL (
                SELECT r.total, r.max_lag FROM series_revisions r WHERE r.series_key = k.series_key
                ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1) p ON true),
        pc AS (
            SELECT k.series_key, k.source_id, p.source_total FROM (SELECT DISTINCT series_key, source_id FROM d) k LEFT JOIN LATERAL (
                SELECT r.source_total FROM series_revisions r WHERE r.series_key = k.series_key AND r.source_id = k.source_id
                ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1) p ON true)
        INSERT INTO series_revisions (series_key, source_id, recorded_at, stated_at, delta, moved, total, source_total, max_lag)
        SELECT g.series_key, g.source_id, g.recorded_at, g.stated_at, g.delta, g.moved, coalesce(ps.total, 0) + g.run,
               coalesce(pc.source_total, 0) + g.source_run, greatest(ps.max_lag, g.lag_run, interval '0')
        FROM g JOIN ps USING (series_key) JOIN pc USING (series_key, source_id)
        ORDER BY g.recorded_at
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE figure_series (
                series_key text PRIMARY KEY,
                incident_id uuid NOT NULL,
                metric text NOT NULL,
                subject text,
                scope_country text,
                scope_admin1 text,
                scope_place text,
                unit text NOT NULL,
                recorded_at timestamptz NOT NULL
            );
            CREATE INDEX ix_figure_series_incident ON figure_series (incident_id, series_key);

            CREATE TABLE series_revisions (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                series_key text NOT NULL,
                source_id uuid NOT NULL,
                recorded_at timestamptz NOT NULL,
                stated_at timestamptz NOT NULL,
                delta integer NOT NULL,
                moved boolean NOT NULL,
                total integer NOT NULL,
                source_total integer NOT NULL,
                max_lag interval NOT NULL
            );
            CREATE INDEX ix_series_revisions_total ON series_revisions (series_key, recorded_at, seq) INCLUDE (total, max_lag);
            CREATE INDEX ix_series_revisions_source_total ON series_revisions (series_key, source_id, recorded_at, seq) INCLUDE (source_total);
            CREATE INDEX ix_series_revisions_stated ON series_revisions (series_key, stated_at) INCLUDE (recorded_at, source_id, delta) WHERE NOT moved;
            CREATE INDEX ix_series_revisions_moved ON series_revisions (series_key, recorded_at) INCLUDE (stated_at, source_id, delta) WHERE moved;
            CREATE INDEX ix_series_revisions_future ON series_revisions (series_key, stated_at) INCLUDE (recorded_at, source_id, delta)
                WHERE stated_at > recorded_at;

            CREATE TRIGGER figure_series_append_only BEFORE UPDATE OR DELETE ON figure_series
                FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
            CREATE TRIGGER series_revisions_append_only BEFORE UPDATE OR DELETE ON series_revisions
                FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
            """);
        // The owner rebuilds both tables from history (this migration, and bench/generate.sql after a load without triggers).
        migrationBuilder.Sql($"""
            CREATE FUNCTION rebuild_series_revisions() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                TRUNCATE series_revisions, figure_series;
                {Catalog("figure_versions")};
                {Append(FigureDeltas("figure_versions") + "\nUNION ALL\n" + WithdrawalDeltas("tombstones"))};
            END $fn$;

            CREATE FUNCTION series_revisions_after_figures() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({WriteLockKey});
                {Catalog("new_rows")};
                {Append(FigureDeltas("new_rows"))};
                RETURN NULL;
            END $fn$;

            CREATE FUNCTION series_revisions_after_tombstones() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock({WriteLockKey});
                {Append(WithdrawalDeltas("new_rows"))};
                RETURN NULL;
            END $fn$;

            CREATE TRIGGER figure_versions_series_revisions AFTER INSERT ON figure_versions
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION series_revisions_after_figures();
            CREATE TRIGGER tombstones_series_revisions AFTER INSERT ON tombstones
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION series_revisions_after_tombstones();
            """);
        // Q(A, R) = sum of deltas recorded by R and stated by A
        //         = total(min(A, R)) + late (stated by A, recorded in (A, R]) - early (recorded by min(A, R), stated after A).
        // Early rows are stated after they were recorded (rare: a partial index holds them). Late new figures were stated
        // within max_lag before A; late moves and withdrawals are few and read from their own index.
        migrationBuilder.Sql("""
            CREATE FUNCTION series_revision_count(key text, source uuid, as_of timestamptz, recorded timestamptz) RETURNS integer
            LANGUAGE plpgsql STABLE AS $fn$
            DECLARE
                upto timestamptz := least(as_of, recorded);
                n integer;
                lag interval;
            BEGIN
                IF source IS NULL THEN
                    SELECT r.total INTO n FROM series_revisions r WHERE r.series_key = key AND r.recorded_at <= upto
                    ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1;
                ELSE
                    SELECT r.source_total INTO n FROM series_revisions r
                    WHERE r.series_key = key AND r.source_id = source AND r.recorded_at <= upto
                    ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1;
                END IF;
                n := coalesce(n, 0) - coalesce((
                    SELECT sum(r.delta) FROM series_revisions r
                    WHERE r.series_key = key AND r.stated_at > r.recorded_at AND r.stated_at > as_of AND r.recorded_at <= upto
                      AND (source IS NULL OR r.source_id = source)), 0);
                IF as_of < recorded THEN
                    SELECT r.max_lag INTO lag FROM series_revisions r WHERE r.series_key = key AND r.recorded_at <= recorded
                    ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1;
                    n := n + coalesce((
                        SELECT sum(r.delta) FROM series_revisions r
                        WHERE r.series_key = key AND NOT r.moved AND r.stated_at >= as_of - coalesce(lag, interval '0') AND r.stated_at <= as_of
                          AND r.recorded_at > as_of AND r.recorded_at <= recorded AND (source IS NULL OR r.source_id = source)), 0)
                      + coalesce((
                        SELECT sum(r.delta) FROM series_revisions r
                        WHERE r.series_key = key AND r.moved AND r.recorded_at > as_of AND r.recorded_at <= recorded AND r.stated_at <= as_of
                          AND (source IS NULL OR r.source_id = source)), 0);
                END IF;
                RETURN n;
            END $fn$;

            SELECT rebuild_series_revisions();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER figure_versions_series_revisions ON figure_versions;
            DROP TRIGGER tombstones_series_revisions ON tombstones;
            DROP FUNCTION series_revision_count(text, uuid, timestamptz, timestamptz);
            DROP FUNCTION series_revisions_after_figures();
            DROP FUNCTION series_revisions_after_tombstones();
            DROP FUNCTION rebuild_series_revisions();
            DROP TABLE series_revisions, figure_series;
            """);
    }
}
