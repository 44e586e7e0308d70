using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Who speaks: a ministry, a court, an agency, a witness; parentId names the body it belongs to.</summary>
public sealed record SourceResponse(
    Guid Id, string Name, SourceKind Kind, string? Country, string? Url, Guid? ParentId, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Who <see cref="ParentId"/> names (id, name, kind); null without a parent.</summary>
    public SourceBrief? Parent { get; init; }

    public static SourceResponse From(SourceVersion v) =>
        new(v.Id, v.Name, v.Kind, v.Country, v.Url, v.ParentId, v.Version, v.CreatedAt, v.RecordedAt);

    /// <summary>This source with <see cref="Parent"/> filled from <paramref name="sources"/>.</summary>
    public SourceResponse Named(IReadOnlyDictionary<Guid, SourceBrief> sources) =>
        this with { Parent = ParentId is { } parent ? sources.GetValueOrDefault(parent) : null };
}

public static class SourceParents
{
    /// <summary>The sources with their parents named as recorded at <paramref name="recordedAt"/>: one query for them all.</summary>
    public static async Task<List<SourceResponse>> NamedAsync(
        this UnrestDb db, IEnumerable<SourceResponse> sources, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var list = sources.ToList();
        var parents = await db.SourceBriefsAsync(list.Select(s => s.ParentId).OfType<Guid>(), recordedAt, ct);
        return list.Select(s => s.Named(parents)).ToList();
    }

    public static async Task<SourceResponse> NamedAsync(this UnrestDb db, SourceVersion source, DateTimeOffset recordedAt, CancellationToken ct) =>
        (await db.NamedAsync([SourceResponse.From(source)], recordedAt, ct))[0];
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
    /// <summary>Read-only (who <c>parentId</c> names): may be echoed back, and is ignored.</summary>
    public JsonElement? Parent { get; init; }

    public Validation Validate()
    {
        var v = new Validation().CheckLimits(this);
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
