using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Events;

/// <summary>ACLED's six event types.</summary>
public enum EventType
{
    Protests, Riots, ViolenceAgainstCivilians, Battles, ExplosionsRemoteViolence, StrategicDevelopments,
}

/// <summary>How exactly an event's date is known: day, week, month or year.</summary>
public enum DatePrecision { Day, Week, Month, Year }

/// <summary>How exactly the coordinates place an event: exact, near, admin2, admin1 or country.</summary>
public enum LocationPrecision { Exact, Near, Admin2, Admin1, Country }

/// <summary>One immutable version of an event: something that happened at a place and a time.</summary>
public sealed class EventVersion : VersionRow
{
    public Guid IncidentId { get; set; }
    public DateOnly Date { get; set; }
    public DateOnly? EndDate { get; set; }
    public DatePrecision DatePrecision { get; set; }
    public EventType Type { get; set; }
    public string? SubType { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string Country { get; set; } = "";
    public string? Admin1 { get; set; }
    public string? Admin2 { get; set; }
    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public LocationPrecision LocationPrecision { get; set; }
    public string[] Actors { get; set; } = [];
    public string[] Tags { get; set; } = [];
    public Guid[] SourceIds { get; set; } = [];
    public List<ExternalRef> ExternalRefs { get; set; } = [];
    /// <summary>"system:id" of each external ref, for the <c>externalRef</c> filter.</summary>
    public string[] ExternalKeys { get; set; } = [];
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

internal sealed class EventVersionConfiguration : IEntityTypeConfiguration<EventVersion>
{
    public void Configure(EntityTypeBuilder<EventVersion> builder)
    {
        builder.ToTable("event_versions");
        builder.HasKey(e => new { e.Id, e.Version });
        builder.Property(e => e.ExternalRefs).HasColumnType("jsonb").HasConversion(new JsonListConverter<ExternalRef>(), JsonListConverter<ExternalRef>.Comparer);
        builder.HasIndex(e => new { e.IncidentId, e.Date, e.Id });
        builder.HasIndex(e => new { e.Date, e.Id });
        builder.HasIndex(e => new { e.Country, e.Date, e.Id });
        builder.HasIndex(e => new { e.Type, e.Date, e.Id });
        builder.HasIndex(e => new { e.Longitude, e.Latitude });
        builder.HasIndex(e => e.Actors).HasMethod("GIN");
        builder.HasIndex(e => e.ExternalKeys).HasMethod("GIN");
        // The place names too: a journalist searching "Aleppo" means the events there, whatever their titles say.
        builder.Property(e => e.SearchVector)
            .HasComputedColumnSql(TextSearch.Vector("'english'", "title", "description", "place", "admin2", "admin1"), stored: true);
        builder.HasIndex(e => e.SearchVector).HasMethod("GIN");
    }
}
