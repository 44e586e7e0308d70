using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Turns statement versions into their representation at the moment of a <see cref="ClaimView"/>.</summary>
public static class StatementReader
{
    public static async Task<List<StatementResponse>> RenderAsync(this ClaimView view, IReadOnlyList<StatementVersion> statements, CancellationToken ct)
    {
        var ids = statements.Select(s => s.Id).ToList();
        var figures = await view.WithStatus(view.FiguresIncludingWithdrawn().Where(f => ids.Contains(f.StatementId)))
            .ToListAsync(ct);
        var retractions = await view.Retractions().Where(r => ids.Contains(r.StatementId)).ToDictionaryAsync(r => r.StatementId, ct);
        var tombstones = await view.Tombstones().Where(t => ids.Contains(t.EntityId)).ToDictionaryAsync(t => t.EntityId, ct);
        var sources = await view.SourcesAsync(
            statements.Select(s => s.SourceId).Concat(retractions.Values.Select(r => r.BySourceId).OfType<Guid>()), ct);
        var byStatement = figures.ToLookup(f => f.Figure.StatementId);
        return statements.Select(s => Render(s,
            byStatement[s.Id].OrderBy(f => f.Figure.Ordinal).Select(f => FigureResponse.From(f.Figure, f.Status)).ToList(),
            retractions.GetValueOrDefault(s.Id), tombstones.GetValueOrDefault(s.Id), sources)).ToList();
    }

    /// <summary>The representation; <paramref name="sources"/> names the statement's source and its retraction's, when known.</summary>
    public static StatementResponse Render(StatementVersion s, IReadOnlyList<FigureResponse> figures, Retraction? retraction, Tombstone? tombstone,
        IReadOnlyDictionary<Guid, SourceBrief> sources)
    {
        var status = tombstone is not null ? StatementStatus.Withdrawn
            : retraction is not null ? StatementStatus.Retracted
            : StatementStatus.Active;
        return new StatementResponse(
            s.Id, s.IncidentId, s.EventId, s.SourceId, sources.GetValueOrDefault(s.SourceId), s.StatedAt, s.Url, s.Publisher, s.Quote,
            s.Summary, s.Language, figures, s.ExternalRefs.Select(r => new ExternalRefDto(r.System, r.Id, r.Url)).ToList(), status,
            retraction is null ? null : RetractionResponse.From(retraction, sources),
            DeletedResponse.From(tombstone),
            s.Version, s.RecordedAt, s.ArchiveUrl, s.ArchivedAt);
    }
}
