using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Changes;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>
/// Delivers each webhook's changes in seq order, at least once. A webhook that is due is leased in the database
/// (<c>FOR UPDATE SKIP LOCKED</c>, then a lease of a minute, renewed at each delivery), so two API instances never
/// deliver it at once, and no connection is held while the receiver is asked. Its position moves past a change
/// only once the change is delivered (or does not match its filters): after a crash only the attempt in flight is
/// sent again, with the same <c>webhook-id</c>, once the lease has lapsed. A failure waits
/// <c>Webhooks:RetryDelays</c> and blocks the webhook's later changes; after <c>Webhooks:DisableAfterHours</c> of
/// failures the webhook is disabled.
/// </summary>
public sealed class WebhookDelivery(IServiceScopeFactory scopes, WebhookStore store, WebhookSender sender, ChangeSignal signal,
    IConfiguration configuration, ILogger<WebhookDelivery> logger) : BackgroundService
{
    private const int MaxInParallel = 16;
    private const int MaxPerLease = 1000;
    private const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan[] DefaultDelays =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    /// <summary>
    /// Claims due webhooks while fewer than <see cref="MaxInParallel"/> are being delivered, and claims again as soon as
    /// one finishes or a change arrives: a receiver that is slow (up to the 10 s timeout) holds up only its own webhook.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.Next;
                running.RemoveAll(t => t.IsCompleted);
                try
                {
                    await PruneAsync(stoppingToken);
                    if (running.Count < MaxInParallel)
                    {
                        var due = await ClaimAsync(MaxInParallel - running.Count, stoppingToken);
                        running.AddRange(due.Select(d => DeliverLoggingAsync(d.Webhook, d.Token, stoppingToken)));
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    logger.LogWarning(e, "Webhook delivery failed to reach the database; trying again shortly");
                }
                await Task.WhenAny([wake, Task.Delay(TimeSpan.FromSeconds(1), stoppingToken), .. running]);
            }
        }
        finally
        {
            await Task.WhenAll(running);
        }
    }

    /// <summary>One webhook's deliveries under its lease; a failure to reach the database is logged, and the lease lapses.</summary>
    private async Task DeliverLoggingAsync(Webhook webhook, Guid token, CancellationToken ct)
    {
        try
        {
            await DeliverAsync(webhook, token, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Webhook {Webhook}: delivery failed to reach the database; its lease lapses and it is tried again", webhook.Id);
        }
    }

    private async Task<List<(Webhook Webhook, Guid Token)>> ClaimAsync(int limit, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var rows = await store.QueryAsync($"""
            UPDATE webhooks SET lease_until = now() + $1, lease_token = $2
            WHERE id IN (SELECT id FROM webhooks
                         WHERE disabled_at IS NULL AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                           AND position < (SELECT coalesce(max(seq), 0) FROM changes)
                         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING {Webhook.Columns}
            """, Webhook.Read, ct, Lease, token, limit);
        return [.. rows.Select(w => (w, token))];
    }

    /// <summary>
    /// Up to <see cref="MaxPerLease"/> deliveries, strictly one after the other: the pending changes are read a batch at a
    /// time, and each attempt's log row and the webhook's new state are written in one statement before the next is sent.
    /// </summary>
    private async Task DeliverAsync(Webhook webhook, Guid token, CancellationToken ct)
    {
        var filter = new ChangeFilter(webhook.Entities, webhook.IncidentId);
        for (var sent = 0; sent < MaxPerLease;)
        {
            var (batch, newest) = await PendingAsync(filter, webhook.Position, ct);
            foreach (var change in batch)
            {
                var result = await SendAsync(webhook, token, change, ct);
                var attempt = webhook.Attempt + 1;
                if (!result.Delivered)
                {
                    await FailedAsync(webhook, token, change.Seq, attempt, result, ct);
                    return;
                }
                if (await RecordAsync(webhook, change.Seq, attempt, result, """
                    UPDATE webhooks SET position = $2, attempt = 0, failing_since = NULL, lease_until = now() + $9
                    WHERE id = $1 AND lease_token = $10
                    """, ct, Lease, token) == 0)
                {
                    return; // deleted, or the lease was lost: whoever holds it carries on
                }
                webhook = webhook with { Position = change.Seq, Attempt = 0 };
                sent++;
            }
            if (batch.Count < Batch)
            {
                await store.ExecuteAsync("UPDATE webhooks SET position = greatest(position, $1), lease_until = NULL WHERE id = $2 AND lease_token = $3",
                    ct, newest, webhook.Id, token);
                return;
            }
        }
        await ReleaseAsync(webhook, token, ct);
    }

    private Task ReleaseAsync(Webhook webhook, Guid token, CancellationToken ct) =>
        store.ExecuteAsync("UPDATE webhooks SET lease_until = NULL WHERE id = $1 AND lease_token = $2", ct, webhook.Id, token);

    private async Task<Attempt> SendAsync(Webhook webhook, Guid token, Change change, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ChangeResponse(change.Seq, change.Entity, change.EntityId, change.Op, change.At, change.By), JsonSetup.Options);
        try
        {
            return await sender.SendAsync(webhook.Url, webhook.MessageId(change.Seq), body, webhook.Secret, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: not an attempt that failed; the next start (or another instance) sends it again.
            await ReleaseAsync(webhook, token, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Logs one attempt and sets the webhook's state in one statement (one round trip, one commit): <paramref name="update"/>
    /// gets the webhook's id as $1, the seq as $2, the attempt as $3 and its own parameters from $9.
    /// </summary>
    private Task<int> RecordAsync(Webhook webhook, long seq, int attempt, Attempt result, string update, CancellationToken ct, params object?[] parameters) =>
        store.ExecuteAsync($"""
            WITH logged AS (
                INSERT INTO webhook_deliveries (id, webhook_id, seq, attempt, at, status, error, duration_ms)
                SELECT $4, $1, $2, $3, $5, $6::integer, $7::text, $8 WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = $1))
            {update}
            """, ct, [webhook.Id, seq, attempt, Guid.CreateVersion7(), result.At, result.Status, result.Error, result.DurationMs, .. parameters]);

    private async Task FailedAsync(Webhook webhook, Guid token, long seq, int attempt, Attempt result, CancellationToken ct)
    {
        var delays = configuration.GetSection("Webhooks:RetryDelays").Get<TimeSpan[]>() is { Length: > 0 } configured ? configured : DefaultDelays;
        var delay = delays[Math.Min(attempt, delays.Length) - 1];
        var disableAfter = TimeSpan.FromHours(configuration.GetValue("Webhooks:DisableAfterHours", 72.0));
        await RecordAsync(webhook, seq, attempt, result, """
            UPDATE webhooks SET attempt = $3, failing_since = coalesce(failing_since, now()), next_attempt_at = now() + $9, lease_until = NULL,
                disabled_at = CASE WHEN now() - coalesce(failing_since, now()) >= $10 THEN now() END,
                disabled_reason = CASE WHEN now() - coalesce(failing_since, now()) >= $10 THEN $11 END
            WHERE id = $1 AND lease_token = $12
            """, ct, delay, disableAfter, $"Failing for {disableAfter.TotalHours:0.##} h; the last attempt: {result.Error}", token);
    }

    /// <summary>
    /// The webhook's next <see cref="Batch"/> changes after its position, in seq order, up to the newest seq (which it may
    /// move to when fewer came): two statements for a batch.
    /// </summary>
    private async Task<(List<Change> Changes, long Newest)> PendingAsync(ChangeFilter filter, long position, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        var newest = await db.Changes.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
        var changes = await filter.Apply(db, db.Changes.AsNoTracking().Where(c => c.Seq > position && c.Seq <= newest))
            .OrderBy(c => c.Seq).Take(Batch).ToListAsync(ct);
        return (changes, newest);
    }

    /// <summary>Drops delivery log rows older than <c>Webhooks:DeliveryLogDays</c> (default 7), at most once an hour.</summary>
    private async Task PruneAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow - _pruned < TimeSpan.FromHours(1))
        {
            return;
        }
        var days = configuration.GetValue("Webhooks:DeliveryLogDays", 7.0);
        await store.ExecuteAsync("DELETE FROM webhook_deliveries WHERE at < now() - $1", ct, TimeSpan.FromDays(days));
        _pruned = DateTimeOffset.UtcNow;
    }
}
