using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Where an event happened: country and precision required; latitude and longitude come together or not at all.</summary>
public sealed record LocationRequest
{
    [TextLimit(TextLimits.Code)]
    [Required]
    public string? Country { get; init; }
    [TextLimit(TextLimits.Label)]
    public string? Admin1 { get; init; }
    [TextLimit(TextLimits.Label)]
    public string? Admin2 { get; init; }
    [TextLimit(TextLimits.Label)]
    public string? Place { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    [Required]
    public LocationPrecision? Precision { get; init; }
}

/// <summary>The record's id in another dataset: system and id required, url optional.</summary>
public sealed record ExternalRefRequest
{
    [TextLimit(TextLimits.Key)]
    [Required]
    public string? System { get; init; }
    [TextLimit(TextLimits.Label)]
    [Required]
    public string? Id { get; init; }
    [TextLimit(TextLimits.Url)]
    public string? Url { get; init; }
}

/// <summary>
/// The body of POST and PUT. Server-set fields may be echoed back and are ignored;
/// <c>datePrecision</c> defaults to <c>day</c>; arrays may be omitted.
/// </summary>
public sealed record EventRequest
{
    [Required]
    public Guid? IncidentId { get; init; }
    [Required]
    public DateOnly? Date { get; init; }
    public DateOnly? EndDate { get; init; }
    public DatePrecision? DatePrecision { get; init; }
    [Required]
    public EventType? Type { get; init; }
    [TextLimit(TextLimits.Label)]
    public string? SubType { get; init; }
    [TextLimit(TextLimits.Title)]
    [Required]
    public string? Title { get; init; }
    [TextLimit(TextLimits.Prose)]
    public string? Description { get; init; }
    [Required]
    public LocationRequest? Location { get; init; }
    [TextLimit(TextLimits.Label)]
    public string[]? Actors { get; init; }
    [TextLimit(TextLimits.Tag)]
    public string[]? Tags { get; init; }
    public Guid[]? SourceIds { get; init; }
    public ExternalRefRequest[]? ExternalRefs { get; init; }
    [ReadOnly(true)]
    public Guid? Id { get; init; }
    [ReadOnly(true)]
    public int? Version { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public JsonElement? Deleted { get; init; }
    /// <summary>Read-only (who <c>sourceIds</c> name): may be echoed back, and is ignored.</summary>
    public JsonElement? Sources { get; init; }
    /// <summary>Read-only (the event's other reports, on a single event): may be echoed back, and is ignored.</summary>
    public JsonElement? SameAs { get; init; }

    public void ApplyTo(EventVersion version)
    {
        version.IncidentId = IncidentId!.Value;
        version.Date = Date!.Value;
        version.EndDate = EndDate;
        version.DatePrecision = DatePrecision ?? Events.DatePrecision.Day;
        version.Type = Type!.Value;
        version.SubType = Blank(SubType);
        version.Title = Title!.Trim();
        version.Description = Blank(Description);
        version.Country = Location!.Country!;
        version.Admin1 = Blank(Location.Admin1);
        version.Admin2 = Blank(Location.Admin2);
        version.Place = Blank(Location.Place);
        version.Latitude = Location.Latitude;
        version.Longitude = Location.Longitude;
        version.LocationPrecision = Location.Precision!.Value;
        version.Actors = Tidy(Actors);
        version.Tags = Tidy(Tags);
        version.SourceIds = SourceIds?.Distinct().ToArray() ?? [];
        version.ExternalRefs = (ExternalRefs ?? []).Select(r => new ExternalRef(r.System!.Trim(), r.Id!.Trim(), Blank(r.Url)))
            .DistinctBy(r => r.Key).ToList();
        version.ExternalKeys = version.ExternalRefs.Select(r => r.Key).ToArray();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string[] Tidy(string[]? values) => values?.Select(v => v.Trim()).Distinct().ToArray() ?? [];
}
