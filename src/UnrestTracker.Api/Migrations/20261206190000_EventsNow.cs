using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The events visible now (<c>events_now</c>: each event's current version, unless deleted, with what the aggregates group
/// by), kept by statement triggers on <c>event_versions</c> and <c>tombstones</c> in the writing transaction, as the owner.
/// The weekly counts of an incident's events are then one index range, instead of a check of each event for a later
/// version and a tombstone; the sums of its figures per bucket probe this table for each event's date.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206190000_EventsNow")]
public partial class EventsNow : Migration
{
    private const string Columns = "event_id, version, incident_id, date, type, sub_type, country, admin1";

    /// <summary>The visible events now as history defines them (what <c>rebuild-read-model --check</c> compares the kept rows with).</summary>
    internal const string Defined = """
        SELECT v.id AS event_id, v.version, v.incident_id, v.date, v.type, v.sub_type, v.country, v.admin1 FROM event_versions_at('infinity') v
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE events_now (
            event_id uuid PRIMARY KEY,
            version integer NOT NULL,
            incident_id uuid NOT NULL,
            date date NOT NULL,
            type text NOT NULL,
            sub_type text,
            country text NOT NULL,
            admin1 text);
        CREATE INDEX ix_events_now_incident_date ON events_now (incident_id, date) INCLUDE (event_id, type, sub_type, country, admin1);

        -- A new version replaces an older one; a deleted event keeps no row, whatever is written of it later.
        CREATE FUNCTION events_now_after_versions() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            INSERT INTO public.events_now AS k ({Columns})
            SELECT DISTINCT ON (v.id) v.id, v.version, v.incident_id, v.date, v.type, v.sub_type, v.country, v.admin1
            FROM new_rows v
            WHERE NOT EXISTS (SELECT 1 FROM public.tombstones t WHERE t.entity = 'event' AND t.entity_id = v.id)
            ORDER BY v.id, v.version DESC
            ON CONFLICT (event_id) DO UPDATE SET version = excluded.version, incident_id = excluded.incident_id, date = excluded.date,
                type = excluded.type, sub_type = excluded.sub_type, country = excluded.country, admin1 = excluded.admin1
            WHERE k.version < excluded.version;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER events_now_kept AFTER INSERT ON event_versions
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_now_after_versions();

        CREATE FUNCTION events_now_after_tombstones() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            DELETE FROM public.events_now k USING new_rows t WHERE t.entity = 'event' AND k.event_id = t.entity_id;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER events_now_kept AFTER INSERT ON tombstones
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_now_after_tombstones();

        CREATE FUNCTION rebuild_events_now() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            TRUNCATE public.events_now;
            INSERT INTO public.events_now ({Columns}) {Defined};
        END $fn$;
        REVOKE EXECUTE ON FUNCTION rebuild_events_now() FROM PUBLIC;

        SELECT rebuild_events_now();
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER events_now_kept ON tombstones;
        DROP TRIGGER events_now_kept ON event_versions;
        DROP FUNCTION events_now_after_tombstones();
        DROP FUNCTION events_now_after_versions();
        DROP FUNCTION rebuild_events_now();
        DROP TABLE events_now;
        """);
}
