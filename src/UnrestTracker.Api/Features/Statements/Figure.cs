using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>What a figure counts.</summary>
public enum Metric
{
    Killed, Injured, Detained, Arrested, Missing, Displaced, EconomicLoss, PropertyDamaged, Other,
}

/// <summary>How a figure's number is meant: exact, approximately, at_least, more_than, at_most, or a range (low and high).</summary>
public enum Qualifier { Exact, Approximately, AtLeast, MoreThan, AtMost, Range }

/// <summary>Derived for the moment asked about: retracted when its statement was retracted or withdrawn, superseded when a later figure supersedes it, else current.</summary>
public enum FigureStatus { Current, Superseded, Retracted }

/// <summary>Which series a figure belongs to: the incident-wide toll, or one event's count (its statement names an event).</summary>
public enum SeriesLevel { Incident, Event }

/// <summary>
/// One immutable version of a figure. Its <see cref="VersionRow.Version"/> is the version of
/// the statement it was written with: every statement version carries all its figures.
/// Incident, event, source and statedAt are copied from the statement (none can change on PUT)
/// so that a series is one index range.
/// </summary>
public sealed class FigureVersion : VersionRow
{
    public Guid StatementId { get; set; }
    public int Ordinal { get; set; }
    public Metric Metric { get; set; }
    public string? Subject { get; set; }
    public decimal? Value { get; set; }
    public decimal? Low { get; set; }
    public decimal? High { get; set; }
    public Qualifier Qualifier { get; set; }
    public string Unit { get; set; } = "";
    public string? ScopeCountry { get; set; }
    public string? ScopeAdmin1 { get; set; }
    public string? ScopePlace { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public Guid? Supersedes { get; set; }
    public Guid IncidentId { get; set; }
    /// <summary>The statement's event: set for an event-level figure, null for an incident-wide one.</summary>
    public Guid? EventId { get; set; }
    public Guid SourceId { get; set; }
    public DateTimeOffset StatedAt { get; set; }
    /// <summary>
    /// (incident, metric, subject, scope, unit) as one comparable key, and the event for an event-level figure: set by the
    /// database on insert (series_key_of, migration UnambiguousSeriesKey), whoever writes the row.
    /// </summary>
    public string SeriesKey { get; set; } = "";
}

internal sealed class FigureVersionConfiguration : IEntityTypeConfiguration<FigureVersion>
{
    public void Configure(EntityTypeBuilder<FigureVersion> builder)
    {
        builder.ToTable("figure_versions");
        builder.HasKey(f => new { f.Id, f.Version });
        builder.HasIndex(f => new { f.StatementId, f.Version });
        builder.HasIndex(f => new { f.SeriesKey, f.AsOf, f.StatedAt, f.Id });
        // A series in the order its revisions are listed (/figures/{id}/revisions): a page reads its rows, not the series.
        builder.HasIndex(f => new { f.SeriesKey, f.StatedAt, f.AsOf, f.Id });
        builder.HasIndex(f => new { f.IncidentId, f.Metric, f.StatedAt, f.Id });
        builder.HasIndex(f => f.Supersedes);
    }
}
