namespace UnrestTracker.Api.Features.Sources;

/// <summary>Who a source is, wherever a response names one by id: its id, name and kind.</summary>
public sealed record SourceBrief(Guid Id, string Name, SourceKind Kind);
