using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Who speaks: a ministry, a court, an agency, a witness; parentId names the body it belongs to.</summary>
public sealed record SourceResponse(
    Guid Id, string Name, SourceKind Kind, string? Country, string? Url, Guid? ParentId, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SourceResponse From(SourceVersion v) =>
        new(v.Id, v.Name, v.Kind, v.Country, v.Url, v.ParentId, v.Version, v.CreatedAt, v.RecordedAt);
}

/// <summary>The body of POST and PUT. Server-set fields may be echoed back and are ignored.</summary>
public sealed record SourceRequest
{
    [TextLimit(TextLimits.Name)]
    [Required]
    public string? Name { get; init; }
    [Required]
    public SourceKind? Kind { get; init; }
    [TextLimit(TextLimits.Code)]
    public string? Country { get; init; }
    [TextLimit(TextLimits.Url)]
    public string? Url { get; init; }
    public Guid? ParentId { get; init; }
    [ReadOnly(true)]
    public Guid? Id { get; init; }
    [ReadOnly(true)]
    public int? Version { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? UpdatedAt { get; init; }

    public Validation Validate()
    {
        var v = new Validation().CheckTextLimits(this);
        v.Required("name", Name);
        v.Required("kind", Kind);
        v.Country("country", Country);
        v.Url("url", Url);
        return v;
    }

    public void ApplyTo(SourceVersion version)
    {
        version.Name = Name!.Trim();
        version.Kind = Kind!.Value;
        version.Country = Country;
        version.Url = Url;
        version.ParentId = ParentId;
    }
}
