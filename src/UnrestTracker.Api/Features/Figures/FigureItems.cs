using System.Text.Json.Serialization;
using UnrestTracker.Api.Features.Statements;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>A figure with who said it and when: the shape of figure lists, headlines and per-source rows.</summary>
public sealed record SourcedFigure(
    Guid Id, Guid StatementId, Guid? EventId, Metric Metric, string? Subject, decimal? Value, decimal? Low, decimal? High,
    Qualifier Qualifier, string Unit, ScopeDto? Scope, DateTimeOffset AsOf, Guid? Supersedes, FigureStatus Status,
    SourceBrief? Source, DateTimeOffset StatedAt)
{
    public static SourcedFigure From(RatedFigure r, IReadOnlyDictionary<Guid, SourceBrief> sources)
    {
        var f = r.Figure;
        return new(f.Id, f.StatementId, f.EventId, f.Metric, f.Subject, f.Value, f.Low, f.High, f.Qualifier, f.Unit,
            FigureResponse.ScopeOf(f), f.AsOf, f.Supersedes, r.Status, sources.GetValueOrDefault(f.SourceId), f.StatedAt);
    }
}

/// <summary>One step of a series: <see cref="Change"/> is its value minus the previous non-retracted value.</summary>
public sealed record FigureRevision(
    Guid Id, Guid StatementId, Guid? EventId, Metric Metric, string? Subject, decimal? Value, decimal? Low, decimal? High,
    Qualifier Qualifier, string Unit, ScopeDto? Scope, DateTimeOffset AsOf, Guid? Supersedes, FigureStatus Status,
    SourceBrief? Source, DateTimeOffset StatedAt, decimal? Change)
{
    public static FigureRevision From(SourcedFigure f, decimal? change) =>
        new(f.Id, f.StatementId, f.EventId, f.Metric, f.Subject, f.Value, f.Low, f.High, f.Qualifier, f.Unit, f.Scope, f.AsOf,
            f.Supersedes, f.Status, f.Source, f.StatedAt, change);
}

/// <summary>The lowest and highest count among the series' current figures across sources (null when none stands).</summary>
public sealed record FigureRange(decimal? Low, decimal? High);

/// <summary>
/// One series of an incident: what is said now, by whom, and how far the claims spread; on the row without scope,
/// what each source's event-level counts add up to (<see cref="Figures.EventSums"/>).
/// </summary>
public sealed record SeriesSummary(
    Metric Metric, string? Subject, ScopeDto? Scope, string Unit, SourcedFigure? Headline,
    IReadOnlyList<SourcedFigure> PerSource, FigureRange Range, int RevisionCount, IReadOnlyList<EventSum> EventSums)
{
    /// <summary>On the row that carries eventSums: the same figures with each cluster of linked events counted once (<see cref="Figures.Combined"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CombinedRange? Combined { get; init; }

    /// <summary>Distinct root sources (following parentId) among the sources with a current incident-wide figure in the row.</summary>
    public int IndependentSources { get; init; }
}
