using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;

namespace UnrestTracker.Api.Features.Events;

/// <summary>The event list as CSV (location flattened into columns, arrays joined with ';') or GeoJSON.</summary>
public static class ExportEvents
{
    private static CsvColumns<EventResponse> Columns(IReadOnlyDictionary<Guid, Guid[]> clusters) => new CsvColumns<EventResponse>()
        .Add("id", e => e.Id)
        .Add("incidentId", e => e.IncidentId)
        .Verbatim("date", e => e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .Verbatim("endDate", e => e.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .Add("datePrecision", e => EnumText.Name(e.DatePrecision))
        .Add("type", e => EnumText.Name(e.Type))
        .Add("subType", e => e.SubType)
        .Add("title", e => e.Title)
        .Add("description", e => e.Description)
        .Add("country", e => e.Location.Country)
        .Add("admin1", e => e.Location.Admin1)
        .Add("admin2", e => e.Location.Admin2)
        .Add("place", e => e.Location.Place)
        .Verbatim("latitude", e => e.Location.Latitude?.ToString("R", CultureInfo.InvariantCulture))
        .Verbatim("longitude", e => e.Location.Longitude?.ToString("R", CultureInfo.InvariantCulture))
        .Add("locationPrecision", e => EnumText.Name(e.Location.Precision))
        .Add("actors", e => e.Actors)
        .Add("tags", e => e.Tags)
        .Verbatim("sourceIds", e => string.Join(';', e.SourceIds))
        .Add("externalRefs", e => e.ExternalRefs.Select(r => r.Key))
        .Add("version", e => e.Version)
        .Verbatim("createdAt", e => e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture))
        .Verbatim("updatedAt", e => e.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture))
        .Add("sources", e => e.Sources.Select(s => s.Name))
        .Verbatim("sameAs", e => string.Join(';', clusters.GetValueOrDefault(e.Id, []).Where(id => id != e.Id)));

    /// <summary>
    /// The whole filtered set in (date, id) order, read row by row from a no-tracking query; <paramref name="clusters"/> holds each
    /// linked event's cluster (<see cref="Links.EventLinks.Clusters"/>), for the sameAs column.
    /// </summary>
    public static ExportStream Stream(IQueryable<EventVersion> events, IReadOnlyDictionary<Guid, SourceBrief> sources, IReadOnlyDictionary<Guid, Guid[]> clusters,
        ExportFormat format, DateTimeOffset answeredAt)
    {
        var rows = events.OrderBy(v => v.Date).ThenBy(v => v.Id).Select(EventResponse.Projection).AsAsyncEnumerable()
            .Select(e => e.Named(sources));
        return format == ExportFormat.Csv
            ? new CsvExport<EventResponse>(rows, Columns(clusters), "events", answeredAt)
            : new GeoJsonExport<EventResponse>(rows, PointOf, "events", answeredAt);
    }

    private static GeoPoint? PointOf(EventResponse e) =>
        e.Location is { Longitude: { } lon, Latitude: { } lat } ? new GeoPoint(lon, lat) : null;

}
