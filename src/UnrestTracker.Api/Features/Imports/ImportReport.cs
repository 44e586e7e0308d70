using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>A row of the file that was rejected or changed on the way in; <c>row</c> counts data rows from 1.</summary>
public sealed record RowNote(long Row, string Reason);

/// <summary>
/// What one import did: written once, when the import ends (finished, or <see cref="Interrupted"/>), and never changed
/// (provenance: the statements it created name it). Its start is in <c>import_runs</c> (<see cref="ImportRun"/>);
/// <c>import_report_list</c> shows a run without a report as a report with <see cref="FinishedAt"/> null.
/// </summary>
public sealed class ImportReport
{
    public const int MaxNotes = 1000;

    public Guid Id { get; set; }
    public string Dataset { get; set; } = "";
    public string FileName { get; set; } = "";
    public long FileBytes { get; set; }
    public string FileSha256 { get; set; } = "";
    public DateTimeOffset Released { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Incident { get; set; }
    public string? Country { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public long Rows { get; set; }
    public long Skipped { get; set; }
    public long RejectedCount { get; set; }
    public List<RowNote> Rejected { get; set; } = [];
    public long AdjustedCount { get; set; }
    public List<RowNote> Adjusted { get; set; } = [];
    public long EventsCreated { get; set; }
    public long EventsUpdated { get; set; }
    public long EventsUnchanged { get; set; }
    public long EventsDeleted { get; set; }
    public long StatementsCreated { get; set; }
    public long StatementsRetracted { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>The import stopped before the end of its file (a failure, an overlong record, or its process died); the counts are what it had done.</summary>
    public bool Interrupted { get; set; }

    public void Reject(long row, string reason)
    {
        RejectedCount++;
        if (Rejected.Count < MaxNotes)
        {
            Rejected.Add(new RowNote(row, reason));
        }
    }

    public void Adjust(long row, string reason)
    {
        AdjustedCount++;
        if (Adjusted.Count < MaxNotes)
        {
            Adjusted.Add(new RowNote(row, reason));
        }
    }
}

public static class ImportReportQueries
{
    /// <summary>Every import's report, an import still running (or whose process died unnoticed so far) with <c>finishedAt</c> null.</summary>
    public static IQueryable<ImportReport> ImportReportList(this UnrestDb db) =>
        db.ImportReports.FromSql($"SELECT * FROM import_report_list").AsNoTracking();
}

internal sealed class ImportReportConfiguration : IEntityTypeConfiguration<ImportReport>
{
    public void Configure(EntityTypeBuilder<ImportReport> builder)
    {
        builder.ToTable("import_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Rejected).HasColumnType("jsonb").HasConversion(new JsonListConverter<RowNote>(), JsonListConverter<RowNote>.Comparer);
        builder.Property(r => r.Adjusted).HasColumnType("jsonb").HasConversion(new JsonListConverter<RowNote>(), JsonListConverter<RowNote>.Comparer);
        builder.HasIndex(r => new { r.StartedAt, r.Id });
    }
}
