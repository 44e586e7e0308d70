using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>A figure with its status at the moment asked about, derived in the query.</summary>
public sealed class RatedFigure
{
    public FigureVersion Figure { get; init; } = null!;
    public bool Retracted { get; init; }
    public bool Superseded { get; init; }

    public FigureStatus Status => Retracted ? FigureStatus.Retracted : Superseded ? FigureStatus.Superseded : FigureStatus.Current;
}

/// <summary>
/// Claims as they stood at one moment on both clocks: versions current at <see cref="TimeTravel.RecordedAt"/>
/// (transaction time), statements said and retractions made by <see cref="TimeTravel.AsOf"/> (knowledge time).
/// Every member is a composable query: statuses are EXISTS subqueries, never loaded and folded in memory.
/// </summary>
public sealed class ClaimView(UnrestDb db, TimeTravel time)
{
    public const string StatementEntity = "statement";

    public TimeTravel Time => time;

    public IQueryable<Tombstone> Tombstones()
    {
        var recordedAt = time.RecordedAt;
        return db.Tombstones.AsNoTracking().Where(t => t.Entity == StatementEntity && t.At <= recordedAt);
    }

    /// <summary>Retractions made by asOf and recorded by recordedAsOf: both clocks must have seen them.</summary>
    public IQueryable<Retraction> Retractions()
    {
        var recordedAt = time.RecordedAt;
        var retractions = db.Retractions.AsNoTracking().Where(r => r.RecordedAt <= recordedAt);
        return time.AsOf is { } asOf ? retractions.Where(r => r.RetractedAt <= asOf) : retractions;
    }

    /// <summary>Statements said by asOf, each in its version current at recordedAt, withdrawn ones included (readable by id).</summary>
    public IQueryable<StatementVersion> StatementsIncludingWithdrawn()
    {
        var statements = db.StatementVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
        return time.AsOf is { } asOf ? statements.Where(s => s.StatedAt <= asOf) : statements;
    }

    public IQueryable<StatementVersion> Statements()
    {
        var tombstones = Tombstones();
        return StatementsIncludingWithdrawn().Where(s => !tombstones.Any(t => t.EntityId == s.Id));
    }

    public IQueryable<FigureVersion> FiguresIncludingWithdrawn()
    {
        var figures = db.FigureVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
        return time.AsOf is { } asOf ? figures.Where(f => f.StatedAt <= asOf) : figures;
    }

    /// <summary>Figures of statements that are not withdrawn: what lists, series and headlines are made of.</summary>
    public IQueryable<FigureVersion> Figures()
    {
        var tombstones = Tombstones();
        return FiguresIncludingWithdrawn().Where(f => !tombstones.Any(t => t.EntityId == f.StatementId));
    }

    /// <summary>Visible figures whose statement is not retracted: the only ones that can supersede or head a series.</summary>
    public IQueryable<FigureVersion> Standing()
    {
        var retractions = Retractions();
        return Figures().Where(f => !retractions.Any(r => r.StatementId == f.StatementId));
    }

    /// <summary>
    /// Retracted: its statement was retracted or withdrawn. Superseded: a standing figure names it in
    /// <c>supersedes</c>, or a standing figure of the same series from the same source is later: by (asOf, statedAt),
    /// and of two equal by those, the one recorded later (docs/api.md, "Ties"; <see cref="FigureVersion.CreatedAt"/> is when
    /// the figure was first recorded). Figures of one statement are never later than each other.
    /// Retracted wins, so the superseded probes are skipped for a retracted figure: for one early in a
    /// long series they would otherwise walk every later figure of its source.
    /// </summary>
    public IQueryable<RatedFigure> WithStatus(IQueryable<FigureVersion> figures)
    {
        var tombstones = Tombstones();
        var retractions = Retractions();
        var standing = Standing();
        return figures.Select(f => new RatedFigure
        {
            Figure = f,
            Retracted = tombstones.Any(t => t.EntityId == f.StatementId) || retractions.Any(r => r.StatementId == f.StatementId),
            Superseded = !tombstones.Any(t => t.EntityId == f.StatementId) && !retractions.Any(r => r.StatementId == f.StatementId)
                // g.Id != f.Id (always true: nothing supersedes itself) correlates the probe, so PostgreSQL probes
                // ix_figure_versions_supersedes per row instead of hashing every standing figure of the database
                // first (a hashed subplan: 280 ms for an 11-row page at 200k figures, growing with the database).
                && (standing.Any(g => g.Supersedes == f.Id && g.Id != f.Id)
                    || standing.Any(g => g.SeriesKey == f.SeriesKey && g.SourceId == f.SourceId
                        && EF.Functions.GreaterThan(ValueTuple.Create(g.AsOf, g.StatedAt, g.CreatedAt), ValueTuple.Create(f.AsOf, f.StatedAt, f.CreatedAt)))),
        });
    }

    /// <summary>
    /// The latest first, in the order <see cref="WithStatus"/> calls later: (asOf, statedAt, first recorded), then id so that
    /// figures of one statement keep one order (LatestPerSource states the same order in its query).
    /// </summary>
    public static IOrderedEnumerable<RatedFigure> LatestFirst(IEnumerable<RatedFigure> figures) => figures
        .OrderByDescending(r => r.Figure.AsOf).ThenByDescending(r => r.Figure.StatedAt).ThenByDescending(r => r.Figure.CreatedAt)
        .ThenByDescending(r => r.Figure.Id);

    public static IQueryable<RatedFigure> WithStatusFilter(IQueryable<RatedFigure> figures, FigureStatus? status) => status switch
    {
        FigureStatus.Retracted => figures.Where(f => f.Retracted),
        FigureStatus.Superseded => figures.Where(f => !f.Retracted && f.Superseded),
        FigureStatus.Current => figures.Where(f => !f.Retracted && !f.Superseded),
        _ => figures,
    };

    public Task<Dictionary<Guid, SourceBrief>> SourcesAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        db.SourceBriefsAsync(ids, time.RecordedAt, ct);

    /// <summary>Sources in the version current at recordedAt, for a subquery.</summary>
    public IQueryable<Sources.SourceVersion> SourceVersions() => db.SourceVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
}

/// <summary>Who a source is, wherever a response names one by id: its id, name and kind.</summary>
public sealed record SourceBrief(Guid Id, string Name, Sources.SourceKind Kind);
