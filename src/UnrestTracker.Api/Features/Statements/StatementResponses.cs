using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>One number claimed inside a statement, with its status at the moment asked about (current, superseded or retracted).</summary>
// SourcedFigure adds who said it and when, FigureRevision the change it made: a figure field is declared here once.
public record FigureResponse(
    Guid Id, Guid StatementId, Guid? EventId, Metric Metric, string? Subject, decimal? Value, decimal? Low, decimal? High,
    Qualifier Qualifier, string Unit, ScopeDto? Scope, DateTimeOffset AsOf, Guid? Supersedes, FigureStatus Status)
{
    public static FigureResponse From(FigureVersion f, FigureStatus status) =>
        new(f.Id, f.StatementId, f.EventId, f.Metric, f.Subject, f.Value, f.Low, f.High, f.Qualifier, f.Unit,
            ScopeOf(f), f.AsOf, f.Supersedes, status);

    public static ScopeDto? ScopeOf(FigureVersion f) =>
        f.ScopeCountry is null && f.ScopeAdmin1 is null && f.ScopePlace is null ? null : new(f.ScopeCountry, f.ScopeAdmin1, f.ScopePlace);
}

/// <summary>The source withdrew what it said: when and why, optionally by which statement or source (<c>bySource</c>: id, name, kind; null without one), and a link.</summary>
public sealed record RetractionResponse(
    DateTimeOffset RetractedAt, string Reason, Guid? ByStatementId, Guid? BySourceId, SourceBrief? BySource, string? Url, DateTimeOffset RecordedAt)
{
    public static RetractionResponse From(Retraction r, IReadOnlyDictionary<Guid, SourceBrief> sources) =>
        new(r.RetractedAt, r.Reason, r.ByStatementId, r.BySourceId, r.BySourceId is { } by ? sources.GetValueOrDefault(by) : null, r.Url, r.RecordedAt);
}

/// <summary>What a source said, when (statedAt, the source's clock) and when it entered this database (recordedAt), with its figures; <c>source</c> is who <c>sourceId</c> names (id, name, kind); status active, retracted or withdrawn.</summary>
public sealed record StatementResponse(
    Guid Id, Guid IncidentId, Guid? EventId, Guid SourceId, SourceBrief? Source, DateTimeOffset StatedAt, string? Url, string? Publisher,
    string? Quote, string Summary, string? Language, IReadOnlyList<FigureResponse> Figures, IReadOnlyList<ExternalRefDto> ExternalRefs,
    StatementStatus Status, RetractionResponse? Retraction, DeletedResponse? Deleted, int Version, DateTimeOffset RecordedAt,
    string? ArchiveUrl, DateTimeOffset? ArchivedAt);
