using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Transaction time is the database's to give, not a writer's to claim. Every history row is stamped by a trigger
/// with its transaction's time: <c>history_stamp()</c>, taken once per transaction under the write lock, is
/// greatest(clock_timestamp(), the previous transaction's time + 1 µs), so it never goes back even when the clock is
/// stepped. A version must follow the previous one of its id (the first is 1; <c>created_at</c> is version 1's time),
/// and at commit every history row must have its change in the change log at the same time (a figure, its statement's
/// version). The derived series tables are written only by their triggers, as the owner.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206100100_TransactionTime")]
public partial class TransactionTime : Migration
{
    /// <summary>The versioned history tables and the entity their changes name.</summary>
    private static readonly (string Table, string Entity)[] Versioned =
    [
        ("incident_versions", "incident"), ("source_versions", "source"), ("event_versions", "event"),
        ("statement_versions", "statement"), ("figure_versions", "figure"),
    ];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE history_clock (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                tx xid8 NOT NULL,
                at timestamptz NOT NULL);
            INSERT INTO history_clock (tx, at)
            SELECT '0'::xid8, max(at) FROM (
                SELECT max(at) AS at FROM changes UNION ALL SELECT max(at) FROM tombstones UNION ALL SELECT max(recorded_at) FROM retractions
                {string.Concat(Versioned.Select(v => $"UNION ALL SELECT max(recorded_at) FROM {v.Table} "))}) AS latest
            HAVING max(at) IS NOT NULL;

            CREATE FUNCTION history_stamp() RETURNS timestamptz
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            DECLARE
                clock record;
                stamp timestamptz;
            BEGIN
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

            CREATE FUNCTION history_requires_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                logged_entity text;
                logged_id uuid;
                logged_at timestamptz;
            BEGIN
                CASE TG_TABLE_NAME
                    WHEN 'figure_versions' THEN
                        IF NOT EXISTS (SELECT 1 FROM public.statement_versions s
                                       WHERE s.id = NEW.statement_id AND s.version = NEW.version AND s.recorded_at = NEW.recorded_at) THEN
                            RAISE EXCEPTION 'history needs its change: figure % version % has no statement version written with it', NEW.id, NEW.version
                                USING ERRCODE = 'foreign_key_violation';
                        END IF;
                        RETURN NULL;
                    WHEN 'retractions' THEN logged_entity := 'retraction'; logged_id := NEW.statement_id; logged_at := NEW.recorded_at;
                    WHEN 'tombstones' THEN logged_entity := NEW.entity; logged_id := NEW.entity_id; logged_at := NEW.at;
                    ELSE logged_entity := TG_ARGV[0]; logged_id := NEW.id; logged_at := NEW.recorded_at;
                END CASE;
                IF NOT EXISTS (SELECT 1 FROM public.changes c WHERE c.entity_id = logged_id AND c.at = logged_at AND c.entity = logged_entity) THEN
                    RAISE EXCEPTION 'history needs its change: % of % % has no row in the change log at %', TG_TABLE_NAME, logged_entity, logged_id, logged_at
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                RETURN NULL;
            END $fn$;

            CREATE FUNCTION history_stamp_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_TABLE_NAME IN ('tombstones', 'changes') THEN
                    NEW.at := public.history_stamp();
                ELSE
                    NEW.recorded_at := public.history_stamp();
                END IF;
                RETURN NEW;
            END $fn$;

            CREATE INDEX ix_changes_entity_id_at ON changes (entity_id, at);
            CREATE TRIGGER changes_transaction_time BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION history_stamp_event();
            """);
        foreach (var table in new[] { "retractions", "tombstones" })
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_transaction_time BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION history_stamp_event();
                CREATE CONSTRAINT TRIGGER {table}_change_logged AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION history_requires_change();
                """);
        }
        foreach (var (table, entity) in Versioned)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION {table}_stamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE
                    previous record;
                BEGIN
                    NEW.recorded_at := public.history_stamp();
                    SELECT p.version, p.created_at INTO previous FROM public.{table} p WHERE p.id = NEW.id ORDER BY p.version DESC LIMIT 1;
                    IF NEW.version IS DISTINCT FROM coalesce(previous.version, 0) + 1 THEN
                        RAISE EXCEPTION 'history is append-only: version % of % in {table} must be %', NEW.version, NEW.id, coalesce(previous.version, 0) + 1
                            USING ERRCODE = 'check_violation';
                    END IF;
                    NEW.created_at := coalesce(previous.created_at, NEW.recorded_at);
                    RETURN NEW;
                END $fn$;
                CREATE TRIGGER {table}_transaction_time BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_stamp();
                CREATE CONSTRAINT TRIGGER {table}_change_logged AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION history_requires_change('{entity}');
                """);
        }
        // The series tables are derived from figures and tombstones: only their triggers write them, as the owner.
        migrationBuilder.Sql("""
            ALTER FUNCTION series_revisions_after_figures() SECURITY DEFINER SET search_path = public, pg_temp;
            ALTER FUNCTION series_revisions_after_tombstones() SECURITY DEFINER SET search_path = public, pg_temp;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER FUNCTION series_revisions_after_figures() SECURITY INVOKER RESET search_path;
            ALTER FUNCTION series_revisions_after_tombstones() SECURITY INVOKER RESET search_path;
            """);
        foreach (var (table, _) in Versioned)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER {table}_change_logged ON {table};
                DROP TRIGGER {table}_transaction_time ON {table};
                DROP FUNCTION {table}_stamp();
                """);
        }
        foreach (var table in new[] { "retractions", "tombstones" })
        {
            migrationBuilder.Sql($"DROP TRIGGER {table}_change_logged ON {table}; DROP TRIGGER {table}_transaction_time ON {table};");
        }
        migrationBuilder.Sql("""
            DROP TRIGGER changes_transaction_time ON changes;
            DROP INDEX ix_changes_entity_id_at;
            DROP FUNCTION history_stamp_event();
            DROP FUNCTION history_requires_change();
            DROP FUNCTION history_stamp();
            DROP TABLE history_clock;
            """);
    }
}
