using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Each linked event's cluster "now" (<c>event_clusters_now</c>: the event, and the least event id of its cluster), kept by
/// the link and unlink writes in their transaction, as the owner: a link merges two clusters, an unlink may split one, and
/// both ends' clusters are walked again (<c>event_clusters_at</c> 'infinity', the one statement of what a cluster is, which
/// reads at other moments use too). An event in no standing link has no row.
/// The combined ranges of the present are then one statement over <c>event_figures_now</c>, instead of a walk of the
/// incident's links per history prefix.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206170000_EventClustersNow")]
public partial class EventClustersNow : Migration
{
    /// <summary>
    /// Each event linked now with the least event id of its cluster, as history defines it (what <c>rebuild-read-model --check</c>
    /// compares the kept rows with).
    /// </summary>
    internal const string Defined = """
        SELECT c.event_id, c.cluster_id FROM event_clusters_at(ARRAY(SELECT l.from_event FROM event_links_at('infinity') l), 'infinity') c
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        -- The clusters of the given events at a moment: each event of them in a standing link, with the least event id of
        -- its cluster. The walk reaches every member; its closure costs a cluster's size squared, and clusters are small.
        CREATE FUNCTION event_clusters_at(events uuid[], moment timestamptz) RETURNS TABLE (event_id uuid, cluster_id uuid)
        LANGUAGE sql STABLE AS $fn$
            WITH RECURSIVE links AS (SELECT l.from_event, l.to_event FROM public.event_cluster_links(events, moment) l),
            edges (a, b) AS (SELECT l.from_event, l.to_event FROM links l UNION SELECT l.to_event, l.from_event FROM links l),
            reach (event_id, member) AS (
                SELECT e.a, e.a FROM edges e
                UNION SELECT r.event_id, e.b FROM reach r JOIN edges e ON e.a = r.member)
            SELECT r.event_id, min(r.member::text)::uuid FROM reach r GROUP BY r.event_id
        $fn$;

        CREATE TABLE event_clusters_now (
            event_id uuid PRIMARY KEY,
            cluster_id uuid NOT NULL);

        -- After a link or an unlink between them, every event that was or is in a cluster of the given events is reached
        -- from one of them, or is one of them and in no link any more.
        CREATE FUNCTION refresh_event_clusters_now(events uuid[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            DELETE FROM public.event_clusters_now k
            WHERE k.event_id = ANY (events) OR k.event_id IN (SELECT c.event_id FROM public.event_clusters_at(events, 'infinity') c);
            INSERT INTO public.event_clusters_now (event_id, cluster_id) SELECT c.event_id, c.cluster_id FROM public.event_clusters_at(events, 'infinity') c;
        END $fn$;
        REVOKE EXECUTE ON FUNCTION refresh_event_clusters_now(uuid[]) FROM PUBLIC;

        CREATE FUNCTION rebuild_event_clusters_now() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            TRUNCATE public.event_clusters_now;
            INSERT INTO public.event_clusters_now (event_id, cluster_id) SELECT c.event_id, c.cluster_id FROM (
        """ + Defined + """
                ) c;
        END $fn$;
        REVOKE EXECUTE ON FUNCTION rebuild_event_clusters_now() FROM PUBLIC;

        CREATE FUNCTION event_clusters_now_after_link() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            PERFORM public.refresh_event_clusters_now(ARRAY[NEW.from_event, NEW.to_event]);
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER event_clusters_now_kept AFTER INSERT ON event_links
            FOR EACH ROW EXECUTE FUNCTION event_clusters_now_after_link();

        CREATE FUNCTION event_clusters_now_after_link_end() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            PERFORM public.refresh_event_clusters_now(ARRAY[l.from_event, l.to_event]) FROM public.event_links l WHERE l.id = NEW.link_id;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER event_clusters_now_kept AFTER INSERT ON event_link_ends
            FOR EACH ROW EXECUTE FUNCTION event_clusters_now_after_link_end();

        SELECT rebuild_event_clusters_now();
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER event_clusters_now_kept ON event_link_ends;
        DROP TRIGGER event_clusters_now_kept ON event_links;
        DROP FUNCTION event_clusters_now_after_link_end();
        DROP FUNCTION event_clusters_now_after_link();
        DROP FUNCTION rebuild_event_clusters_now();
        DROP FUNCTION refresh_event_clusters_now(uuid[]);
        DROP TABLE event_clusters_now;
        DROP FUNCTION event_clusters_at(uuid[], timestamptz);
        """);
}
