using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Idempotency;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// The context. Here are the sets every feature shares (changes, tombstones, idempotency records); each feature adds its own
/// in a part of this class beside its entities (<c>Features/*/…Sets.cs</c>), and its mapping as an IEntityTypeConfiguration.
/// </summary>
public sealed partial class UnrestDb(DbContextOptions<UnrestDb> options) : DbContext(options)
{
    public DbSet<Tombstone> Tombstones => Set<Tombstone>();
    public DbSet<Change> Changes => Set<Change>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>
    /// The newest write this context's reads were pinned to (probed from the change log by a read of history): what was
    /// recorded by then no longer changes (<see cref="History.SettledHistory"/>). Null for writes, exports and the command line.
    /// </summary>
    public DateTimeOffset? SettledAt { get; set; }

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
        configurationBuilder.Conventions.Add(_ => new EnumTextConvention());
    }
}
