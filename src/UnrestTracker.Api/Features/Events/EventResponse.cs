using System.Linq.Expressions;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Where an event happened; latitude and longitude are both present or both null.</summary>
public sealed record LocationResponse(
    string Country, string? Admin1, string? Admin2, string? Place, double? Latitude, double? Longitude, LocationPrecision Precision);

/// <summary>An event: something that happened at a place and a time, with its sources and its ids in other datasets; deleted once tombstoned.</summary>
public sealed record EventResponse(
    Guid Id, Guid IncidentId, DateOnly Date, DateOnly? EndDate, DatePrecision DatePrecision, EventType Type, string? SubType,
    string Title, string? Description, LocationResponse Location, string[] Actors, string[] Tags, Guid[] SourceIds,
    IReadOnlyList<ExternalRef> ExternalRefs, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DeletedResponse? Deleted)
{
    public static EventResponse From(EventVersion v, Tombstone? tombstone = null) =>
        new(v.Id, v.IncidentId, v.Date, v.EndDate, v.DatePrecision, v.Type, v.SubType, v.Title, v.Description,
            new LocationResponse(v.Country, v.Admin1, v.Admin2, v.Place, v.Latitude, v.Longitude, v.LocationPrecision),
            v.Actors, v.Tags, v.SourceIds, v.ExternalRefs, v.Version, v.CreatedAt, v.RecordedAt, DeletedResponse.From(tombstone));

    /// <summary>The same mapping for a query: lists and exports read only the columns they send (no search vector).</summary>
    public static Expression<Func<EventVersion, EventResponse>> Projection { get; } = v =>
        new EventResponse(v.Id, v.IncidentId, v.Date, v.EndDate, v.DatePrecision, v.Type, v.SubType, v.Title, v.Description,
            new LocationResponse(v.Country, v.Admin1, v.Admin2, v.Place, v.Latitude, v.Longitude, v.LocationPrecision),
            v.Actors, v.Tags, v.SourceIds, v.ExternalRefs, v.Version, v.CreatedAt, v.RecordedAt, null);
}
