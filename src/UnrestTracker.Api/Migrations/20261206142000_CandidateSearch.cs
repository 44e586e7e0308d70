using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// <c>GET /events/{id}/candidates</c> reads only what is near the event, however many events and links there are:
/// <list type="bullet">
/// <item>a GiST index on an event's point and its days (<c>date</c>..<c>end_date</c>): where and when at once. The btree
/// indexes on (longitude, latitude) and on date each bound one of the two (a city's events over all the years, or one
/// day's everywhere), and an end date left the date bound one-sided. <c>greatest</c> keeps an end date before its date
/// (which the API refuses, an import might not) from failing a write: such an event counts as its first day.</item>
/// <item><c>event_cluster_links</c> walks the links from the events asked about through the indexes on
/// <c>from_event</c> and <c>to_event</c>, instead of building every standing link's edges on each call (what an
/// unlinked event's <c>GET</c> and candidates paid for every link in the database).</item>
/// </list>
/// Kept out of the entity model, like the links: only raw SQL reads them.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206142000_CandidateSearch")]
public partial class CandidateSearch : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE INDEX ix_event_versions_place_days ON event_versions
            USING gist (point(longitude, latitude), daterange(date, greatest(date, coalesce(end_date, date)), '[]'))
            WHERE latitude IS NOT NULL AND longitude IS NOT NULL;

        CREATE OR REPLACE FUNCTION event_cluster_links(events uuid[], moment timestamptz) RETURNS TABLE (
            id uuid, from_event uuid, to_event uuid, reason text, recorded_by text, recorded_at timestamptz)
        LANGUAGE sql STABLE AS $fn$
            WITH RECURSIVE reached (event_id) AS (
                SELECT l.from_event FROM public.event_links_at(moment) l WHERE l.from_event = ANY (events)
                UNION
                SELECT l.to_event FROM public.event_links_at(moment) l WHERE l.to_event = ANY (events)
                UNION
                SELECT CASE WHEN l.from_event = r.event_id THEN l.to_event ELSE l.from_event END
                FROM reached r JOIN public.event_links_at(moment) l ON l.from_event = r.event_id OR l.to_event = r.event_id)
            SELECT l.* FROM public.event_links_at(moment) l WHERE l.from_event IN (SELECT event_id FROM reached)
        $fn$;
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX ix_event_versions_place_days;
        DROP FUNCTION event_cluster_links(uuid[], timestamptz);
        """ + EventLinks.ClusterLinks);
}
