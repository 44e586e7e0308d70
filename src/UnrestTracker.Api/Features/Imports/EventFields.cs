using UnrestTracker.Api.Features.Events;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>The fields of an event that an import sets, compared as one set.</summary>
public static class EventFields
{
    public static bool Same(EventVersion a, EventVersion b) =>
        a.Date == b.Date && a.EndDate == b.EndDate && a.DatePrecision == b.DatePrecision && a.Type == b.Type
        && a.SubType == b.SubType && a.Title == b.Title && a.Description == b.Description && a.Country == b.Country
        && a.Admin1 == b.Admin1 && a.Admin2 == b.Admin2 && a.Place == b.Place && a.Latitude == b.Latitude
        && a.Longitude == b.Longitude && a.LocationPrecision == b.LocationPrecision && a.Actors.SequenceEqual(b.Actors)
        && a.SourceIds.Order().SequenceEqual(b.SourceIds.Order()) && a.ExternalKeys.Order().SequenceEqual(b.ExternalKeys.Order());
}
