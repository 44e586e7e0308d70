using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Links between events that record one happening (<c>same_as</c>), kept as history like every other: a link and its
/// end are rows never rewritten, stamped with their transaction's time, and each must have the changes of both its
/// events (entity <c>event</c>, op <c>updated</c>) written with it. <c>event_links_at(t)</c> states once which links
/// stand at a moment; <c>event_cluster_links(events, t)</c> the standing links of those events' clusters. A tombstone may
/// name the event it duplicates (<c>duplicate_of</c>). Kept out of the entity model: only raw SQL reads them.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206120300_EventLinks")]
public partial class EventLinks : Migration
{
    /// <summary>The clusters' links as this migration made them; CandidateSearch walks the links through their indexes instead.</summary>
    public const string ClusterLinks = """

        CREATE FUNCTION event_cluster_links(events uuid[], moment timestamptz) RETURNS TABLE (
            id uuid, from_event uuid, to_event uuid, reason text, recorded_by text, recorded_at timestamptz)
        LANGUAGE sql STABLE AS $fn$
            WITH RECURSIVE standing AS MATERIALIZED (SELECT * FROM public.event_links_at(moment)),
            edges AS (SELECT s.from_event AS a, s.to_event AS b FROM standing s UNION ALL SELECT s.to_event, s.from_event FROM standing s),
            reached (event_id) AS (
                SELECT DISTINCT e.a FROM edges e WHERE e.a = ANY (events)
                UNION
                SELECT e.b FROM reached r JOIN edges e ON e.a = r.event_id)
            SELECT s.* FROM standing s WHERE s.from_event IN (SELECT event_id FROM reached)
        $fn$;
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE event_links (
            id uuid PRIMARY KEY,
            from_event uuid NOT NULL,
            to_event uuid NOT NULL,
            relation text NOT NULL CHECK (relation = 'same_as'),
            reason text NOT NULL,
            recorded_by text NOT NULL,
            recorded_at timestamptz NOT NULL,
            CHECK (from_event <> to_event));
        CREATE INDEX ix_event_links_from_event ON event_links (from_event);
        CREATE INDEX ix_event_links_to_event ON event_links (to_event);
        CREATE TABLE event_link_ends (
            link_id uuid PRIMARY KEY REFERENCES event_links (id),
            reason text NOT NULL,
            recorded_by text NOT NULL,
            recorded_at timestamptz NOT NULL);
        ALTER TABLE tombstones ADD COLUMN duplicate_of uuid;

        CREATE FUNCTION event_link_requires_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            link uuid;
            ends record;
        BEGIN
            IF TG_TABLE_NAME = 'event_links' THEN link := NEW.id; ELSE link := NEW.link_id; END IF;
            SELECT l.from_event, l.to_event INTO ends FROM public.event_links l WHERE l.id = link;
            IF (SELECT count(DISTINCT c.entity_id) FROM public.changes c
                WHERE c.entity = 'event' AND c.at = NEW.recorded_at AND c.entity_id IN (ends.from_event, ends.to_event)) < 2 THEN
                RAISE EXCEPTION 'history needs its change: % of link % has no change of both its events at %', TG_TABLE_NAME, link, NEW.recorded_at
                    USING ERRCODE = 'foreign_key_violation';
            END IF;
            RETURN NULL;
        END $fn$;

        CREATE FUNCTION event_links_at(moment timestamptz) RETURNS TABLE (
            id uuid, from_event uuid, to_event uuid, reason text, recorded_by text, recorded_at timestamptz)
        LANGUAGE sql STABLE AS $fn$
            SELECT l.id, l.from_event, l.to_event, l.reason, l.recorded_by, l.recorded_at FROM public.event_links l
            WHERE l.recorded_at <= moment AND NOT EXISTS (SELECT 1 FROM public.event_link_ends e WHERE e.link_id = l.id AND e.recorded_at <= moment)
        $fn$;

        """ + ClusterLinks + string.Concat(new[] { "event_links", "event_link_ends" }.Select(table => $"""

        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
        CREATE TRIGGER {table}_transaction_time BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION history_stamp_event();
        CREATE CONSTRAINT TRIGGER {table}_change_logged AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION event_link_requires_change();
        """)));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION event_cluster_links(uuid[], timestamptz);
        DROP FUNCTION event_links_at(timestamptz);
        DROP TABLE event_link_ends;
        DROP TABLE event_links;
        DROP FUNCTION event_link_requires_change();
        ALTER TABLE tombstones DROP COLUMN duplicate_of;
        """);
}
