using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

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
    public string? Name { get; init; }
    public SourceKind? Kind { get; init; }
    public string? Country { get; init; }
    public string? Url { get; init; }
    public Guid? ParentId { get; init; }
    public Guid? Id { get; init; }
    public int? Version { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public Validation Validate()
    {
        var v = new Validation();
        if (v.Required("name", Name))
        {
            v.MaxLength("name", Name, 300);
        }
        v.Required("kind", Kind);
        v.Country("country", Country);
        v.Url("url", Url);
        v.MaxLength("url", Url, 2000);
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
