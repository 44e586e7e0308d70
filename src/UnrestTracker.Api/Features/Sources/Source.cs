using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Who speaks.</summary>
public enum SourceKind
{
    Government, SecurityForces, Judiciary, Legislature, HeadOfState,
    Intergovernmental, Media, Ngo, Witness, Other,
}

/// <summary>One immutable version of a source: who speaks.</summary>
public sealed class SourceVersion : VersionRow
{
    public string Name { get; set; } = "";
    public SourceKind Kind { get; set; }
    public string? Country { get; set; }
    public string? Url { get; set; }
    public Guid? ParentId { get; set; }
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

internal sealed class SourceVersionConfiguration : IEntityTypeConfiguration<SourceVersion>
{
    public void Configure(EntityTypeBuilder<SourceVersion> builder)
    {
        builder.ToTable("source_versions");
        builder.HasKey(s => new { s.Id, s.Version });
        builder.Property(s => s.SearchVector).HasComputedColumnSql(TextSearch.Vector("'simple'", "name"), stored: true);
        builder.HasIndex(s => s.SearchVector).HasMethod("GIN");
        builder.HasIndex(s => new { s.Kind, s.Id });
    }
}
