using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>One CSV row: a statement with what its row needs from other tables, read in the same query.</summary>
public sealed class StatementRow
{
    public StatementVersion Statement { get; init; } = null!;
    public string? SourceName { get; init; }
    public SourceKind? SourceKind { get; init; }
    public DateTimeOffset? RetractedAt { get; init; }
    public string? RetractionReason { get; init; }
    public List<FigureVersion> Figures { get; init; } = [];
}

/// <summary>The statement list as CSV: one row per statement, its figures summarised in one column.</summary>
public static class ExportStatements
{
    private static readonly CsvColumns<StatementRow> Columns = new CsvColumns<StatementRow>()
        .Add("id", r => r.Statement.Id)
        .Add("incidentId", r => r.Statement.IncidentId)
        .Add("eventId", r => r.Statement.EventId)
        .Add("sourceId", r => r.Statement.SourceId)
        .Add("sourceName", r => r.SourceName)
        .Add("sourceKind", r => r.SourceKind is { } kind ? EnumText.Name(kind) : null)
        .Verbatim("statedAt", r => ClaimCsv.Timestamp(r.Statement.StatedAt))
        .Add("url", r => r.Statement.Url)
        .Add("publisher", r => r.Statement.Publisher)
        .Add("quote", r => r.Statement.Quote)
        .Add("summary", r => r.Statement.Summary)
        .Add("language", r => r.Statement.Language)
        .Add("status", r => EnumText.Name(r.RetractedAt is null ? StatementStatus.Active : StatementStatus.Retracted))
        .Verbatim("retractedAt", r => ClaimCsv.Timestamp(r.RetractedAt))
        .Add("retractionReason", r => r.RetractionReason)
        .Add("figures", r => r.Figures.Select(ClaimCsv.Summary))
        .Add("externalRefs", r => r.Statement.ExternalRefs.Select(x => $"{x.System}:{x.Id}"))
        .Add("version", r => r.Statement.Version)
        .Verbatim("recordedAt", r => ClaimCsv.Timestamp(r.Statement.RecordedAt))
        .Add("archiveUrl", r => r.Statement.ArchiveUrl)
        .Verbatim("archivedAt", r => ClaimCsv.Timestamp(r.Statement.ArchivedAt));

    /// <summary>
    /// The whole filtered set in (statedAt, id) order as ONE query read row by row: source, retraction and figures
    /// come from correlated subqueries and a lateral join, so no second query ever runs while the reader is open.
    /// Tagged so that pg_stat_activity shows which export is running. The statements are visible ones (withdrawn are left out), so a statement is retracted or active.
    /// </summary>
    public static ExportStream Stream(UnrestDb db, ClaimView view, IQueryable<StatementVersion> statements)
    {
        var sources = db.SourceVersions.AsNoTracking().AsRecordedAt(view.Time.RecordedAt);
        var retractions = view.Retractions();
        var figures = view.FiguresIncludingWithdrawn();
        var rows = statements.TagWith("statements CSV export").OrderBy(s => s.StatedAt).ThenBy(s => s.Id).Select(s => new StatementRow
        {
            Statement = s,
            SourceName = sources.Where(v => v.Id == s.SourceId).Select(v => v.Name).FirstOrDefault(),
            SourceKind = sources.Where(v => v.Id == s.SourceId).Select(v => (SourceKind?)v.Kind).FirstOrDefault(),
            RetractedAt = retractions.Where(r => r.StatementId == s.Id).Select(r => (DateTimeOffset?)r.RetractedAt).FirstOrDefault(),
            RetractionReason = retractions.Where(r => r.StatementId == s.Id).Select(r => r.Reason).FirstOrDefault(),
            Figures = figures.Where(f => f.StatementId == s.Id).OrderBy(f => f.Ordinal).ToList(),
        }).AsSingleQuery().AsAsyncEnumerable();
        return new CsvExport<StatementRow>(rows, Columns, "statements", view.Time.AnsweredAt);
    }
}
