using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Incidents;

/// <summary>One immutable version of an incident: an episode of unrest.</summary>
public sealed class IncidentVersion : VersionRow
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string[] Countries { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string[] Tags { get; set; } = [];
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

internal sealed class IncidentVersionConfiguration : IEntityTypeConfiguration<IncidentVersion>
{
    public void Configure(EntityTypeBuilder<IncidentVersion> builder)
    {
        builder.ToTable("incident_versions");
        builder.HasKey(i => new { i.Id, i.Version });
        builder.HasIndex(i => i.Slug);
        builder.HasIndex(i => i.Countries).HasMethod("GIN");
        builder.Property(i => i.SearchVector).HasComputedColumnSql(TextSearch.Vector("'english'", "title", "summary"), stored: true);
        builder.HasIndex(i => i.SearchVector).HasMethod("GIN");
    }
}
