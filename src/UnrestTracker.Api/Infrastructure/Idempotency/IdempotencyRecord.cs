using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UnrestTracker.Api.Infrastructure.Idempotency;

/// <summary>The first response to a POST carrying an Idempotency-Key, replayed on retries.</summary>
public sealed class IdempotencyRecord
{
    public string Client { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int Status { get; set; }
    public string HeadersJson { get; set; } = "{}";
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.Client, r.Key });
        builder.Property(r => r.HeadersJson).HasColumnType("jsonb");
        builder.HasIndex(r => r.CreatedAt);
    }
}
