using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>The statement rules that need the database: what it points at must exist.</summary>
public static class StatementChecks
{
    public static async Task<Validation> CheckAsync(UnrestDb db, StatementRequest request, IReadOnlyCollection<Guid> ownFigureIds, CancellationToken ct)
    {
        var v = new Validation();
        if (!await db.IncidentVersions.AnyAsync(i => i.Id == request.IncidentId, ct))
        {
            v.Add("incidentId", $"There is no incident '{request.IncidentId}'.");
        }
        if (!await db.SourceVersions.AnyAsync(s => s.Id == request.SourceId, ct))
        {
            v.Add("sourceId", $"There is no source '{request.SourceId}'.");
        }
        if (request.EventId is { } eventId)
        {
            var incidentOfEvent = await db.EventVersions.AsNoTracking().Latest().Where(e => e.Id == eventId)
                .Select(e => (Guid?)e.IncidentId).FirstOrDefaultAsync(ct);
            if (incidentOfEvent is null)
            {
                v.Add("eventId", $"There is no event '{eventId}'.");
            }
            else if (incidentOfEvent != request.IncidentId)
            {
                v.Add("eventId", "Must be an event of the statement's incident.");
            }
        }
        var figures = request.Figures ?? [];
        var named = figures.Where(f => f.Supersedes is not null).Select(f => f.Supersedes!.Value).Distinct().ToList();
        var targets = await db.FigureVersions.AsNoTracking().Latest().Where(f => named.Contains(f.Id))
            .Select(f => new { f.Id, f.IncidentId, f.EventId, f.Metric }).ToDictionaryAsync(f => f.Id, ct);
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i].Supersedes is not { } target)
            {
                continue;
            }
            var path = $"figures[{i}].supersedes";
            if (ownFigureIds.Contains(target))
            {
                v.Add(path, "A figure cannot supersede a figure of its own statement.");
            }
            else if (!targets.TryGetValue(target, out var found))
            {
                v.Add(path, $"There is no figure '{target}'.");
            }
            else if (found.IncidentId != request.IncidentId || found.Metric != figures[i].Metric)
            {
                v.Add(path, "Must name a figure of the same incident and metric.");
            }
            else if (found.EventId != request.EventId)
            {
                // An event's count revises only that event's counts; the incident-wide toll is another series level.
                v.Add(path, found.EventId is null
                    ? "Must name a figure of the same event: this statement's figures are event-level, that one is incident-wide."
                    : request.EventId is null
                        ? "Must name an incident-wide figure: that one counts a single event."
                        : "Must name a figure of the same event.");
            }
        }
        return v;
    }

    /// <summary>Writes one version of a statement and, with the same version number, a row for each of its figures.</summary>
    public static StatementVersion Record(UnrestDb db, WriteBatch batch, StatementRequest request, Guid id, int version, DateTimeOffset createdAt, IReadOnlyList<Guid> figureIds) =>
        Track(db, Build(batch, request, id, version, createdAt, figureIds));

    /// <summary>Has the context insert a statement version and its figures; returns the statement.</summary>
    public static StatementVersion Track(UnrestDb db, (StatementVersion Statement, FigureVersion[] Figures) rows)
    {
        db.StatementVersions.Add(rows.Statement);
        db.FigureVersions.AddRange(rows.Figures);
        return rows.Statement;
    }

    /// <summary>The rows <see cref="Record"/> writes, built but not tracked (the bulk path of imports copies them itself).</summary>
    public static (StatementVersion Statement, FigureVersion[] Figures) Build(WriteBatch batch, StatementRequest request, Guid id, int version, DateTimeOffset createdAt, IReadOnlyList<Guid> figureIds)
    {
        var statement = new StatementVersion
        {
            Id = id,
            Version = version,
            CreatedAt = createdAt,
            RecordedAt = batch.At,
            RecordedBy = batch.By,
            IncidentId = request.IncidentId!.Value,
            EventId = request.EventId,
            SourceId = request.SourceId!.Value,
            StatedAt = request.StatedAt!.Value,
            Url = request.Url,
            ArchiveUrl = request.ArchiveUrl,
            ArchivedAt = request.ArchivedAt,
            Publisher = request.Publisher?.Trim(),
            Quote = request.Quote,
            Summary = request.Summary!.Trim(),
            Language = request.Language,
            ExternalRefs = (request.ExternalRefs ?? []).Select(r => new ExternalRef(r.System!.Trim(), r.Id!.Trim(), r.Url)).ToList(),
        };
        statement.ExternalKeys = statement.ExternalRefs.Select(r => r.Key).Distinct().ToArray();
        var figures = request.Figures ?? [];
        return (statement, figures.Select((f, i) => FigureOf(statement, f, figureIds[i], i)).ToArray());
    }

    private static FigureVersion FigureOf(StatementVersion s, FigureRequest f, Guid id, int ordinal)
    {
        var figure = new FigureVersion
        {
            Id = id,
            Version = s.Version,
            CreatedAt = s.CreatedAt,
            RecordedAt = s.RecordedAt,
            RecordedBy = s.RecordedBy,
            StatementId = s.Id,
            Ordinal = ordinal,
            Metric = f.Metric!.Value,
            Subject = f.Subject,
            Value = f.Value,
            Low = f.Low,
            High = f.High,
            Qualifier = f.Qualifier!.Value,
            Unit = f.Unit!,
            ScopeCountry = f.Scope?.Country,
            ScopeAdmin1 = NullIfBlank(f.Scope?.Admin1),
            ScopePlace = NullIfBlank(f.Scope?.Place),
            AsOf = f.AsOf ?? s.StatedAt,
            Supersedes = f.Supersedes,
            IncidentId = s.IncidentId,
            EventId = s.EventId,
            SourceId = s.SourceId,
            StatedAt = s.StatedAt,
        };
        // SeriesKey is left to the database: a trigger sets it from these fields (series_key_of, migration UnambiguousSeriesKey).
        return figure;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
