using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

/// <summary>An episode of unrest, e.g. the January 2022 unrest in Kazakhstan.</summary>
public sealed record IncidentResponse(
    Guid Id, string Slug, string Title, string Summary, string[] Countries, DateOnly StartDate, DateOnly? EndDate,
    string[] Tags, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IncidentLinks Links)
{
    public static IncidentResponse From(IncidentVersion v, HttpContext http) =>
        new(v.Id, v.Slug, v.Title, v.Summary, v.Countries, v.StartDate, v.EndDate, v.Tags, v.Version, v.CreatedAt, v.RecordedAt, IncidentLinks.Of(http, v.Id));

    /// <summary>A converter for lists: every item links the way <see cref="From(IncidentVersion, HttpContext)"/> does.</summary>
    public static Func<IncidentVersion, IncidentResponse> For(HttpContext http) => v => From(v, http);
}

/// <summary>
/// Where to follow the incident: its Atom feed, by id (a slug may change). Absolute only when a host is vouched for
/// (<see cref="PublicBaseUrl"/>), else root-relative, like every link the API writes.
/// </summary>
public sealed record IncidentLinks(string Feed)
{
    public static IncidentLinks Of(HttpContext http, Guid id) =>
        new(http.RequestServices.GetRequiredService<PublicBaseUrl>().Link(http, $"{ApiPath.V1}/incidents/{id}/feed", QueryString.Empty));
}

/// <summary>The body of POST and PUT. Server-set fields may be echoed back and are ignored.</summary>
public sealed record IncidentRequest
{
    [TextLimit(TextLimits.Label)]
    public string? Slug { get; init; }
    [TextLimit(TextLimits.Title)]
    [Required]
    public string? Title { get; init; }
    [TextLimit(TextLimits.Prose)]
    [Required]
    public string? Summary { get; init; }
    [TextLimit(TextLimits.Code)]
    public string[]? Countries { get; init; }
    [Required]
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    [TextLimit(TextLimits.Tag)]
    public string[]? Tags { get; init; }
    [ReadOnly(true)]
    public Guid? Id { get; init; }
    [ReadOnly(true)]
    public int? Version { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public JsonElement? Links { get; init; }

    public Validation Validate()
    {
        var v = new Validation().CheckLimits(this);
        if (Slug is not null && !Slugs.IsValid(Slug))
        {
            v.Add("slug", "Must match ^[a-z0-9]+(-[a-z0-9]+)*$, be at most 80 characters and not look like a UUID.");
        }
        v.Countries("countries", Countries);
        if (EndDate < StartDate)
        {
            v.Add("endDate", "Must not be before startDate.");
        }
        v.Each("tags", Tags);
        return v;
    }

    public void ApplyTo(IncidentVersion version, string slug)
    {
        version.Slug = slug;
        version.Title = Title!.Trim();
        version.Summary = Summary!.Trim();
        version.Countries = Countries?.Distinct().ToArray() ?? [];
        version.StartDate = StartDate!.Value;
        version.EndDate = EndDate;
        version.Tags = Tags?.Select(t => t.Trim()).Distinct().ToArray() ?? [];
    }
}

public sealed record IncidentVersionResponse(IncidentResponse Incident, DateTimeOffset RecordedAt, string RecordedBy);
