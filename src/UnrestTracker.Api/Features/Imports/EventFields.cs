using UnrestTracker.Api.Features.Events;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>The fields of an event that an import sets, compared and copied as one set.</summary>
public static class EventFields
{
    public static bool Same(EventVersion a, EventVersion b) =>
        a.Date == b.Date && a.EndDate == b.EndDate && a.DatePrecision == b.DatePrecision && a.Type == b.Type
        && a.SubType == b.SubType && a.Title == b.Title && a.Description == b.Description && a.Country == b.Country
        && a.Admin1 == b.Admin1 && a.Admin2 == b.Admin2 && a.Place == b.Place && a.Latitude == b.Latitude
        && a.Longitude == b.Longitude && a.LocationPrecision == b.LocationPrecision && a.Actors.SequenceEqual(b.Actors)
        && a.SourceIds.Order().SequenceEqual(b.SourceIds.Order()) && a.ExternalKeys.Order().SequenceEqual(b.ExternalKeys.Order());

    public static void Copy(EventVersion from, EventVersion to)
    {
        to.IncidentId = from.IncidentId;
        to.Date = from.Date;
        to.EndDate = from.EndDate;
        to.DatePrecision = from.DatePrecision;
        to.Type = from.Type;
        to.SubType = from.SubType;
        to.Title = from.Title;
        to.Description = from.Description;
        to.Country = from.Country;
        to.Admin1 = from.Admin1;
        to.Admin2 = from.Admin2;
        to.Place = from.Place;
        to.Latitude = from.Latitude;
        to.Longitude = from.Longitude;
        to.LocationPrecision = from.LocationPrecision;
        to.Actors = from.Actors;
        to.Tags = from.Tags;
        to.SourceIds = from.SourceIds;
        to.ExternalRefs = from.ExternalRefs;
        to.ExternalKeys = from.ExternalKeys;
    }
}
