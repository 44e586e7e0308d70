using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>One CSV row: a figure with its status and its source, read in the same query.</summary>
public sealed class FigureRow
{
    public FigureVersion Figure { get; init; } = null!;
    public bool Retracted { get; init; }
    public bool Superseded { get; init; }
    public string? SourceName { get; init; }
    public SourceKind? SourceKind { get; init; }

    public FigureStatus Status => Retracted ? FigureStatus.Retracted : Superseded ? FigureStatus.Superseded : FigureStatus.Current;
}

/// <summary>The figure list as CSV: one row per figure, scope flattened into columns.</summary>
public static class ExportFigures
{
    private static readonly CsvColumns<FigureRow> Columns = new CsvColumns<FigureRow>()
        .Add("id", r => r.Figure.Id)
        .Add("statementId", r => r.Figure.StatementId)
        .Add("incidentId", r => r.Figure.IncidentId)
        .Add("eventId", r => r.Figure.EventId)
        .Add("sourceId", r => r.Figure.SourceId)
        .Add("sourceName", r => r.SourceName)
        .Add("sourceKind", r => r.SourceKind is { } kind ? EnumText.Name(kind) : null)
        .Verbatim("statedAt", r => ClaimCsv.Timestamp(r.Figure.StatedAt))
        .Add("metric", r => EnumText.Name(r.Figure.Metric))
        .Add("subject", r => r.Figure.Subject)
        .Verbatim("value", r => ClaimCsv.Number(r.Figure.Value))
        .Verbatim("low", r => ClaimCsv.Number(r.Figure.Low))
        .Verbatim("high", r => ClaimCsv.Number(r.Figure.High))
        .Add("qualifier", r => EnumText.Name(r.Figure.Qualifier))
        .Add("unit", r => r.Figure.Unit)
        .Add("scopeCountry", r => r.Figure.ScopeCountry)
        .Add("scopeAdmin1", r => r.Figure.ScopeAdmin1)
        .Add("scopePlace", r => r.Figure.ScopePlace)
        .Verbatim("asOf", r => ClaimCsv.Timestamp(r.Figure.AsOf))
        .Add("supersedes", r => r.Figure.Supersedes)
        .Add("status", r => EnumText.Name(r.Status));

    /// <summary>
    /// The whole filtered set in (statedAt, id) order as ONE query read row by row: the status is the
    /// EXISTS subqueries of <see cref="ClaimView.WithStatus"/>, the source a correlated subquery.
    /// </summary>
    public static IResult Stream(UnrestDb db, ClaimView view, IQueryable<RatedFigure> rated)
    {
        var sources = db.SourceVersions.AsNoTracking().AsRecordedAt(view.Time.RecordedAt);
        var rows = rated.TagWith("figures CSV export").OrderBy(r => r.Figure.StatedAt).ThenBy(r => r.Figure.Id).Select(r => new FigureRow
        {
            Figure = r.Figure,
            Retracted = r.Retracted,
            Superseded = r.Superseded,
            SourceName = sources.Where(v => v.Id == r.Figure.SourceId).Select(v => v.Name).FirstOrDefault(),
            SourceKind = sources.Where(v => v.Id == r.Figure.SourceId).Select(v => (SourceKind?)v.Kind).FirstOrDefault(),
        }).AsAsyncEnumerable();
        return new CsvExport<FigureRow>(rows, Columns, "figures", view.Time.AnsweredAt);
    }
}
