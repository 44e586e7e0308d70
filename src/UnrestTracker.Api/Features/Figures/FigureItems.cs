using System.Text.Json.Serialization;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>A figure with who said it and when: the shape of figure lists, headlines and per-source rows.</summary>
public record SourcedFigure : FigureResponse
{
    public SourcedFigure(FigureResponse figure, SourceBrief? source, DateTimeOffset statedAt)
        : base(figure) => (Source, StatedAt) = (source, statedAt);

    // After the figure's own fields, as a reader expects them (System.Text.Json writes a derived type's first).
    [JsonPropertyOrder(1)]
    public SourceBrief? Source { get; init; }

    [JsonPropertyOrder(2)]
    public DateTimeOffset StatedAt { get; init; }

    public static SourcedFigure From(RatedFigure r, IReadOnlyDictionary<Guid, SourceBrief> sources) =>
        new(FigureResponse.From(r.Figure, r.Status), sources.GetValueOrDefault(r.Figure.SourceId), r.Figure.StatedAt);
}

/// <summary>One step of a series: <see cref="Change"/> is its value minus the previous non-retracted value.</summary>
public sealed record FigureRevision : SourcedFigure
{
    public FigureRevision(SourcedFigure figure, decimal? change) : base(figure) => Change = change;

    [JsonPropertyOrder(3)]
    public decimal? Change { get; init; }

    public static FigureRevision From(SourcedFigure f, decimal? change) => new(f, change);
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
