using UnrestTracker.Api.Features.Events.Links;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Events;

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events").ReadsHistoryOnly();
        var writes = group.Writes();
        writes.MapPost("/", CreateEvent.Handle).WithName("CreateEvent")
            .WithSummary("Record a new event (datePrecision defaults to day)")
            .Accepts<EventRequest>("application/json");
        group.MapGet("/", ListEvents.Handle).WithHistoryETag().WithName("ListEvents")
            .WithSummary("List events by (date, id); filters incident, country, type, from, to, actor, q, bbox, near with withinKm, externalRef")
            .WithDescription("Accept: text/csv or application/geo+json (or format=csv|geojson) streams the whole filtered set "
                + "as a CSV file or an RFC 7946 FeatureCollection instead of a page; limit and cursor are then ignored.")
            .ProducesExports<EventResponse>("text/csv", "application/geo+json");
        group.MapGet("/{id}", GetEvent.Handle).WithName("GetEvent")
            .WithSummary("An event by id, a deleted one included (with deleted)");
        writes.MapPut("/{id}", UpdateEvent.Handle).WithName("UpdateEvent")
            .WithSummary("Edit an event (If-Match required); writes a new version")
            .Accepts<EventRequest>("application/json");
        writes.MapDelete("/{id}", DeleteEvent.Handle).WithName("DeleteEvent")
            .WithSummary("Tombstone an event (reason required); repeating it is a no-op 204");
        group.MapGet("/{id}/versions", GetEvent.Versions).WithHistoryETag().WithName("ListEventVersions")
            .WithSummary("Every version of an event, oldest first");
        group.MapEventLinkEndpoints(writes);
        return api;
    }

    /// <summary>The filters of <see cref="EventFilter"/> but from and to, as the event list and its stats document them.</summary>
    public static readonly QueryParameter[] Filters =
    [
        new("incident", "Incident id or slug."),
        new("country", "ISO 3166-1 alpha-2 code, e.g. KZ."),
        QueryDocs.Enum<EventType>("type", "ACLED-style event type."),
        new("actor", "An actor named on the event.", MaxLength: TextLimits.Label),
        QueryDocs.Search("title, description, place, admin2 and admin1"),
        new("bbox", "west,south,east,north in degrees, edges inside; west > east crosses the antimeridian (177,-20,-178,-16)."),
        new("near", "lat,lon, with withinKm: events within that great-circle distance (e.g. 43.2389,76.8897)."),
        new("withinKm", "With near: the radius in km, more than 0 and at most 20000, edge inside (sphere of radius 6371.0088 km).",
            Schema: () => QuerySchemas.Number("0", "20000")),
        new("externalRef", "system:id, e.g. acled:KAZ2811.", MaxLength: TextLimits.Key + 1 + TextLimits.Label),
    ];
}
