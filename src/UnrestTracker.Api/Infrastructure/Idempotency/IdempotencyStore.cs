using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.Idempotency;

/// <summary>The idempotency_records table, used inside the transaction that also carries the handler's write.</summary>
public sealed class IdempotencyStore(UnrestDb db, IConfiguration configuration)
{
    /// <summary>Responses worth replaying besides the body; Date, Link and the like belong to the moment they were sent.</summary>
    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", "ETag", "Content-Location", "Last-Modified"];

    public TimeSpan Lifetime => TimeSpan.FromHours(configuration.GetValue("Idempotency:KeyLifetimeHours", 24.0));

    /// <summary>
    /// Inserts a placeholder for the key, or takes over an expired record. If another transaction
    /// holds the same key uncommitted, the unique primary key makes this wait until it ends.
    /// False when a live record already exists.
    /// </summary>
    public async Task<bool> ClaimAsync(string client, string key, string requestHash, CancellationToken ct)
    {
        var cutoff = DateTimeOffset.UtcNow - Lifetime;
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($$"""
            INSERT INTO idempotency_records (client, key, request_hash, status, headers_json, body, created_at)
            VALUES ({{client}}, {{key}}, {{requestHash}}, 0, '{}'::jsonb, ''::bytea, now())
            ON CONFLICT (client, key) DO UPDATE
                SET request_hash = excluded.request_hash, status = 0, headers_json = excluded.headers_json,
                    body = excluded.body, created_at = excluded.created_at
                WHERE idempotency_records.created_at < {{cutoff}}
            """, ct);
        return claimed == 1;
    }

    public Task<IdempotencyRecord> FindAsync(string client, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Client == client && r.Key == key, ct);

    public async Task CompleteAsync(string client, string key, HttpResponse response, byte[] body, CancellationToken ct)
    {
        var headers = ReplayedHeaders
            .Where(h => response.Headers.ContainsKey(h))
            .ToDictionary(h => h, h => response.Headers[h].ToString());
        var headersJson = JsonSerializer.Serialize(headers);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE idempotency_records SET status = {response.StatusCode}, headers_json = {headersJson}::jsonb, body = {body}
            WHERE client = {client} AND key = {key}
            """, ct);
    }

    public static async Task ReplayAsync(HttpResponse response, IdempotencyRecord record)
    {
        response.StatusCode = record.Status;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(record.HeadersJson) ?? [])
        {
            response.Headers[name] = value;
        }
        response.Headers["Idempotent-Replayed"] = "true";
        response.ContentLength = record.Body.Length;
        await response.Body.WriteAsync(record.Body);
    }

    /// <summary>Expired records are ignored anyway; deleting them only keeps the table small.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var cutoff = DateTimeOffset.UtcNow - Lifetime;
        return db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
