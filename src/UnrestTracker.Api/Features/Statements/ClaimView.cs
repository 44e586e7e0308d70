using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>A figure with its status at the moment asked about, derived in the query.</summary>
public sealed class RatedFigure
{
    public const string RetractedName = "retracted";
    public const string SupersededName = "superseded";
    public const string CurrentName = "current";

    public FigureVersion Figure { get; init; } = null!;

    /// <summary>The status as the database names it (<c>figure_statuses</c>): what a query filters on.</summary>
    public string StatusName { get; init; } = "";

    public bool Retracted => StatusName == RetractedName;
    public bool Superseded => StatusName == SupersededName;

    public FigureStatus Status => Retracted ? FigureStatus.Retracted : Superseded ? FigureStatus.Superseded : FigureStatus.Current;
}

/// <summary>
/// Claims as they stood at one moment on both clocks: versions current at <see cref="TimeTravel.RecordedAt"/>
/// (transaction time), statements said and retractions made by <see cref="TimeTravel.AsOf"/> (knowledge time).
/// Every member selects from the database's one definition (migration OneReadModel: inlinable SQL functions), so these
/// queries, the SQL of LatestPerSource, eventSums, the exports and the imports cannot disagree; each stays composable.
/// </summary>
public sealed class ClaimView(UnrestDb db, TimeTravel time)
{

    public TimeTravel Time => time;

    private DateTimeOffset AsOf => time.AsOf ?? DateTimeOffset.MaxValue;

    /// <summary>Withdrawals (statement tombstones) recorded by recordedAt.</summary>
    public IQueryable<Tombstone> Tombstones() => db.Tombstones.FromSql($"SELECT * FROM withdrawals_at({time.RecordedAt})").AsNoTracking();

    /// <summary>Retractions made by asOf and recorded by recordedAsOf: both clocks must have seen them.</summary>
    public IQueryable<Retraction> Retractions() =>
        db.Retractions.FromSql($"SELECT * FROM retractions_at({AsOf}, {time.RecordedAt})").AsNoTracking();

    /// <summary>Statements said by asOf, each in its version current at recordedAt, withdrawn ones included (readable by id).</summary>
    public IQueryable<StatementVersion> StatementsIncludingWithdrawn() =>
        db.StatementVersions.FromSql($"SELECT * FROM statements_said({AsOf}, {time.RecordedAt})").AsNoTracking();

    public IQueryable<StatementVersion> Statements()
    {
        var tombstones = Tombstones();
        return StatementsIncludingWithdrawn().Where(s => !tombstones.Any(t => t.EntityId == s.Id));
    }

    public IQueryable<FigureVersion> FiguresIncludingWithdrawn() =>
        db.FigureVersions.FromSql($"SELECT * FROM figures_said({AsOf}, {time.RecordedAt})").AsNoTracking();

    /// <summary>Figures of statements that are not withdrawn: what lists, series and headlines are made of.</summary>
    public IQueryable<FigureVersion> Figures() =>
        db.FigureVersions.FromSql($"SELECT * FROM visible_figures({AsOf}, {time.RecordedAt})").AsNoTracking();

    /// <summary>Visible figures whose statement is not retracted: the only ones that can supersede or head a series.</summary>
    public IQueryable<FigureVersion> Standing() =>
        db.FigureVersions.FromSql($"SELECT * FROM standing_figures({AsOf}, {time.RecordedAt})").AsNoTracking();

    /// <summary>
    /// Each figure said by asOf (withdrawn ones included) with its status by the database's rule (<c>figure_statuses</c>):
    /// retracted when its statement was retracted or withdrawn; superseded when a standing figure names it in
    /// <c>supersedes</c> or a standing figure of its series from its source is later by (asOf, statedAt, first recorded)
    /// (docs/api.md, "Ties"); current otherwise. Per figure: one primary-key probe, then the status probes; "now", one probe of
    /// <c>figure_status_now</c>, which the writes keep (migration StatusNow).
    /// </summary>
    public IQueryable<RatedFigure> WithStatus(IQueryable<FigureVersion> figures)
    {
        var statuses = db.Database.SqlQuery<FigureStatusRow>(time.IsNow
            ? (FormattableString)$"SELECT figure_id AS id, version, status FROM figure_status_now"
            : $"SELECT id, version, status FROM figure_statuses({AsOf}, {time.RecordedAt})");
        return figures.Select(f => new RatedFigure
        {
            Figure = f,
            StatusName = statuses.Where(s => s.Id == f.Id && s.Version == f.Version).Select(s => s.Status).First(),
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
        FigureStatus.Retracted => figures.Where(f => f.StatusName == RatedFigure.RetractedName),
        FigureStatus.Superseded => figures.Where(f => f.StatusName == RatedFigure.SupersededName),
        FigureStatus.Current => figures.Where(f => f.StatusName == RatedFigure.CurrentName),
        _ => figures,
    };

    public Task<Dictionary<Guid, SourceBrief>> SourcesAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        db.SourceBriefsAsync(ids, time.RecordedAt, ct);

    /// <summary>Sources in the version current at recordedAt, for a subquery.</summary>
    public IQueryable<Sources.SourceVersion> SourceVersions() => db.SourceVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
}

/// <summary>One row of <c>figure_statuses</c>.</summary>
public sealed class FigureStatusRow
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public string Status { get; init; } = "";
}
