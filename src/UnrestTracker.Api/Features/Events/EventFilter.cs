using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Events;

/// <summary>A longitude/latitude box; points on its edges are inside.</summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>"minLon,minLat,maxLon,maxLat", each in range, min not above max.</summary>
    public static BoundingBox? Read(QueryReader query)
    {
        var text = query.Text("bbox");
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok))
        {
            query.Errors.Add("bbox", "Must be four numbers: minLon,minLat,maxLon,maxLat.");
            return null;
        }
        var box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (box.MinLon < -180 || box.MaxLon > 180 || box.MinLat < -90 || box.MaxLat > 90)
        {
            query.Errors.Add("bbox", "Longitudes must be within [-180, 180] and latitudes within [-90, 90].");
            return null;
        }
        if (box.MinLon > box.MaxLon || box.MinLat > box.MaxLat)
        {
            query.Errors.Add("bbox", "The minimum must not exceed the maximum (minLon,minLat,maxLon,maxLat).");
            return null;
        }
        return box;
    }
}

/// <summary>The filters of the event list and its exports; they compose with AND.</summary>
public sealed record EventFilter(
    string? Incident, string? Country, EventType? Type, DateOnly? From, DateOnly? To, string? Actor, string? Text,
    BoundingBox? Box, string? ExternalKey)
{
    public static EventFilter Read(QueryReader query)
    {
        var incident = query.Text("incident");
        var country = query.Country("country");
        var type = query.Enum<EventType>("type");
        var (from, to) = query.Period();
        var actor = query.Text("actor", 200);
        var text = query.Text("q");
        var box = BoundingBox.Read(query);
        var externalRef = query.Text("externalRef");
        if (externalRef is not null && externalRef.IndexOf(':', StringComparison.Ordinal) is var colon && (colon < 1 || colon == externalRef.Length - 1))
        {
            query.Errors.Add("externalRef", "Must be system:id, for example acled:KAZ2811.");
        }
        return new(incident, country, type, Day(from), Day(to), actor, text, box, externalRef);
    }

    private static DateOnly? Day(DateTimeOffset? at) => at is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;

    /// <summary>Applies every filter but the incident, which the caller resolves (id or slug) first.</summary>
    public IQueryable<EventVersion> Apply(IQueryable<EventVersion> events, Guid? incidentId)
    {
        if (incidentId is { } id)
        {
            events = events.Where(v => v.IncidentId == id);
        }
        if (Country is not null)
        {
            events = events.Where(v => v.Country == Country);
        }
        if (Type is { } type)
        {
            events = events.Where(v => v.Type == type);
        }
        if (From is { } from)
        {
            events = events.Where(v => v.Date >= from);
        }
        if (To is { } to)
        {
            events = events.Where(v => v.Date <= to);
        }
        if (Actor is not null)
        {
            // ARRAY[actor] <@ actors: answered by the GIN index on actors.
            var wanted = new[] { Actor };
            events = events.Where(v => wanted.All(a => v.Actors.Contains(a)));
        }
        if (Text is not null)
        {
            events = events.Where(v => v.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", Text)));
        }
        if (Box is { } box)
        {
            events = events.Where(v => v.Longitude >= box.MinLon && v.Longitude <= box.MaxLon && v.Latitude >= box.MinLat && v.Latitude <= box.MaxLat);
        }
        if (ExternalKey is not null)
        {
            var wanted = new[] { ExternalKey };
            events = events.Where(v => wanted.All(k => v.ExternalKeys.Contains(k)));
        }
        return events;
    }
}
