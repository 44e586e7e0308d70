using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Where and when at once, for <c>GET /events/{id}/candidates</c>: a GiST index on an event's point and its days
/// (<c>date</c>..<c>end_date</c>), so the search reads only events near in place and in time. The btree indexes on
/// (longitude, latitude) and on date each bound one of the two: a city's events over all the years, or one day's
/// everywhere, and an end date made the date bound one-sided. <c>greatest</c> keeps an end date before its date (which
/// the API refuses, an import might not) from failing a write: such an event counts as its first day.
/// Kept out of the entity model, like the links: only raw SQL reads it.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206142000_CandidateIndex")]
public partial class CandidateIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE INDEX ix_event_versions_place_days ON event_versions
            USING gist (point(longitude, latitude), daterange(date, greatest(date, coalesce(end_date, date)), '[]'))
            WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP INDEX ix_event_versions_place_days;");
}
