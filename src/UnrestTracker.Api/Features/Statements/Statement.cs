using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>active; retracted (the source withdrew it: see retraction); withdrawn (we removed it as entered by mistake: see deleted).</summary>
public enum StatementStatus { Active, Retracted, Withdrawn }

/// <summary>One immutable version of a statement: a source says something, at a time.</summary>
public sealed class StatementVersion : VersionRow
{
    public Guid IncidentId { get; set; }
    public Guid? EventId { get; set; }
    public Guid SourceId { get; set; }
    public DateTimeOffset StatedAt { get; set; }
    public string? Url { get; set; }
    /// <summary>A copy of <see cref="Url"/> kept elsewhere (a web archive), for evidence that may vanish from the web.</summary>
    public string? ArchiveUrl { get; set; }
    /// <summary>When that copy was made.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? Publisher { get; set; }
    public string? Quote { get; set; }
    public string Summary { get; set; } = "";
    public string? Language { get; set; }
    public List<ExternalRef> ExternalRefs { get; set; } = [];
    public string[] ExternalKeys { get; set; } = [];
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

/// <summary>The source withdrew what it said. Insert-only, one per statement.</summary>
public sealed class Retraction
{
    public Guid StatementId { get; set; }
    public DateTimeOffset RetractedAt { get; set; }
    public string Reason { get; set; } = "";
    public Guid? ByStatementId { get; set; }
    public Guid? BySourceId { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

internal sealed class StatementVersionConfiguration : IEntityTypeConfiguration<StatementVersion>
{
    public void Configure(EntityTypeBuilder<StatementVersion> builder)
    {
        builder.ToTable("statement_versions");
        builder.HasKey(s => new { s.Id, s.Version });
        builder.Property(s => s.ExternalRefs).HasColumnType("jsonb").HasConversion(new JsonListConverter<ExternalRef>(), JsonListConverter<ExternalRef>.Comparer);
        builder.HasIndex(s => new { s.IncidentId, s.StatedAt, s.Id });
        builder.HasIndex(s => new { s.SourceId, s.StatedAt, s.Id });
        builder.HasIndex(s => new { s.StatedAt, s.Id });
        builder.HasIndex(s => new { s.EventId, s.SourceId }).HasFilter("event_id IS NOT NULL");
        builder.HasIndex(s => s.ExternalKeys).HasMethod("GIN");
        // Stemmed in the statement's language where PostgreSQL has a stemmer for it (unrest_search_config).
        builder.Property(s => s.SearchVector).HasComputedColumnSql(TextSearch.Vector("unrest_search_config(language)", "summary", "quote"), stored: true);
        builder.HasIndex(s => s.SearchVector).HasMethod("GIN");
    }
}

internal sealed class RetractionConfiguration : IEntityTypeConfiguration<Retraction>
{
    public void Configure(EntityTypeBuilder<Retraction> builder)
    {
        builder.ToTable("retractions");
        builder.HasKey(r => r.StatementId);
        builder.HasIndex(r => new { r.RetractedAt, r.StatementId });
    }
}
