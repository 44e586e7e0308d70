using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Where a count applies (country, admin1, place); a figure without a scope applies to the whole incident.</summary>
public sealed record ScopeDto(
    [property: TextLimit(TextLimits.Code)] string? Country = null,
    [property: TextLimit(TextLimits.Label)] string? Admin1 = null,
    [property: TextLimit(TextLimits.Label)] string? Place = null);

/// <summary>The record's id in another dataset, e.g. { "system": "acled", "id": "KAZ2811" }, with a link where there is one.</summary>
public sealed record ExternalRefDto(
    [property: TextLimit(TextLimits.Key)] string System,
    [property: TextLimit(TextLimits.Label)] string Id,
    [property: TextLimit(TextLimits.Url)] string? Url);

/// <summary>The body of POST and PUT. Server-set fields may be echoed back and are ignored.</summary>
public sealed record StatementRequest
{
    [Required]

    public Guid? IncidentId { get; init; }
    public Guid? EventId { get; init; }
    [Required]
    public Guid? SourceId { get; init; }
    [Required]
    public DateTimeOffset? StatedAt { get; init; }
    [TextLimit(TextLimits.Url)]
    public string? Url { get; init; }
    /// <summary>A copy of the statement's page, e.g. in a web archive (an http or https URL).</summary>
    [TextLimit(TextLimits.Url)]
    public string? ArchiveUrl { get; init; }
    /// <summary>When that copy was made; only with archiveUrl.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }
    [TextLimit(TextLimits.Name)]
    public string? Publisher { get; init; }
    [TextLimit(TextLimits.Quote)]
    public string? Quote { get; init; }
    [TextLimit(TextLimits.Prose)]
    [Required]
    public string? Summary { get; init; }
    [TextLimit(TextLimits.Code)]
    public string? Language { get; init; }
    public FigureRequest[]? Figures { get; init; }
    public ExternalRefRequest[]? ExternalRefs { get; init; }
    [ReadOnly(true)]
    public Guid? Id { get; init; }
    [ReadOnly(true)]
    public int? Version { get; init; }
    [ReadOnly(true)]
    public DateTimeOffset? RecordedAt { get; init; }
    [ReadOnly(true)]
    public StatementStatus? Status { get; init; }
    [ReadOnly(true)]
    public JsonElement? Retraction { get; init; }
    [ReadOnly(true)]
    public JsonElement? Deleted { get; init; }
    /// <summary>Read-only (who <c>sourceId</c> names): may be echoed back, and is ignored.</summary>
    public JsonElement? Source { get; init; }

    public Validation Validate()
    {
        var v = new Validation().CheckLimits(this);
        v.Url("url", Url);
        v.Url("archiveUrl", ArchiveUrl);
        if (ArchivedAt is { } archivedAt)
        {
            v.Within("archivedAt", archivedAt);
            if (ArchiveUrl is null)
            {
                v.Add("archivedAt", "Only with archiveUrl: it says when that copy was made.");
            }
        }
        if (Language is not null && !StatementRules.IsLanguage(Language))
        {
            v.Add("language", "Must be a short language code such as en, ru or kk (BCP 47).");
        }
        foreach (var i in BodyLimits.Indexes(ExternalRefs?.Length))
        {
            var r = ExternalRefs![i];
            if (r is null)
            {
                v.Add($"externalRefs[{i}]", "Must not be null.");
                continue;
            }
            v.Url($"externalRefs[{i}].url", r.Url);
        }
        foreach (var i in BodyLimits.Indexes(Figures?.Length))
        {
            if (Figures![i] is null)
            {
                v.Add($"figures[{i}]", "Must not be null.");
                continue;
            }
            FigureRules.Check(v, $"figures[{i}]", Figures[i]);
        }
        return v;
    }
}

/// <summary>One number claimed inside a statement. A range gives low and high (value optional as the best estimate); otherwise value. On PUT, every figure by its id.</summary>
public sealed record FigureRequest
{
    public Guid? Id { get; init; }
    [ReadOnly(true)]
    public Guid? StatementId { get; init; }
    /// <summary>Read-only: a figure's event is its statement's <c>eventId</c>; an echoed value is ignored.</summary>
    [ReadOnly(true)]
    public Guid? EventId { get; init; }
    [Required]
    public Metric? Metric { get; init; }
    [TextLimit(TextLimits.Subject)]
    public string? Subject { get; init; }
    public decimal? Value { get; init; }
    public decimal? Low { get; init; }
    public decimal? High { get; init; }
    [Required]
    public Qualifier? Qualifier { get; init; }
    [TextLimit(TextLimits.Unit)]
    [Required]
    public string? Unit { get; init; }
    public ScopeDto? Scope { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public Guid? Supersedes { get; init; }
    [ReadOnly(true)]
    public FigureStatus? Status { get; init; }
}

/// <summary>The source withdrew what it said: when and why, and optionally the statement or source that retracted it and a link.</summary>
public sealed record RetractionRequest
{
    [Required]
    public DateTimeOffset? RetractedAt { get; init; }
    [TextLimit(TextLimits.Reason)]
    [Required]
    public string? Reason { get; init; }
    public Guid? ByStatementId { get; init; }
    public Guid? BySourceId { get; init; }
    [TextLimit(TextLimits.Url)]
    public string? Url { get; init; }

    public Validation Validate()
    {
        var v = new Validation().CheckLimits(this);
        v.Url("url", Url);
        return v;
    }
}
