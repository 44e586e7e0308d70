using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>A row of the file that was rejected or changed on the way in; <c>row</c> counts data rows from 1.</summary>
public sealed record RowNote(long Row, string Reason);

/// <summary>
/// What one import did. Bookkeeping, not history: written when the import starts (so that every statement
/// it creates can name it) and completed when it ends; <see cref="FinishedAt"/> stays null for an import
/// that was interrupted.
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
