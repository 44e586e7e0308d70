using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Idempotency;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Infrastructure.Db;

public sealed class UnrestDb(DbContextOptions<UnrestDb> options) : DbContext(options)
{
    public DbSet<IncidentVersion> IncidentVersions => Set<IncidentVersion>();
    public DbSet<SourceVersion> SourceVersions => Set<SourceVersion>();
    public DbSet<EventVersion> EventVersions => Set<EventVersion>();
    public DbSet<StatementVersion> StatementVersions => Set<StatementVersion>();
    public DbSet<FigureVersion> FigureVersions => Set<FigureVersion>();
    public DbSet<Retraction> Retractions => Set<Retraction>();
    public DbSet<Tombstone> Tombstones => Set<Tombstone>();
    public DbSet<Change> Changes => Set<Change>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Features.Imports.ImportReport> ImportReports => Set<Features.Imports.ImportReport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UnrestDb).Assembly);
        modelBuilder.HasTextSearch();
        modelBuilder.Entity<Tombstone>(t =>
        {
            t.ToTable("tombstones");
            t.HasKey(x => new { x.Entity, x.EntityId });
        });
        modelBuilder.Entity<Change>(c =>
        {
            c.ToTable("changes");
            c.HasKey(x => x.Seq);
            c.Property(x => x.Seq).UseIdentityAlwaysColumn();
            c.HasIndex(x => new { x.At, x.Seq }); // HistoryPrefix: the newest change recorded by a moment
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<SourceKind>().HaveConversion<EnumTextConverter<SourceKind>>();
        configurationBuilder.Properties<EventType>().HaveConversion<EnumTextConverter<EventType>>();
        configurationBuilder.Properties<DatePrecision>().HaveConversion<EnumTextConverter<DatePrecision>>();
        configurationBuilder.Properties<LocationPrecision>().HaveConversion<EnumTextConverter<LocationPrecision>>();
        configurationBuilder.Properties<Metric>().HaveConversion<EnumTextConverter<Metric>>();
        configurationBuilder.Properties<Qualifier>().HaveConversion<EnumTextConverter<Qualifier>>();
        configurationBuilder.Properties<KeyScope>().HaveConversion<EnumTextConverter<KeyScope>>();
    }
}
