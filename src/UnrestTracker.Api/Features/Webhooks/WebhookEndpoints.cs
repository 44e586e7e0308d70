using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>Webhooks (admin scope): create, list, read, delete, enable again, and the delivery log.</summary>
public static class WebhookEndpoints
{
    private static readonly CursorList Lists = new("webhooks", [CursorKey.Id]);
    private static readonly CursorList DeliveryLists = new("webhook-deliveries", [CursorKey.Timestamp, CursorKey.Id]);

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequiresAdmin().IsLive();
        group.MapPost("/", CreateWebhook.Handle).WithName("CreateWebhook")
            .WithSummary("Send every change committed from now on (matching entities and incident) to a URL, signed as Standard Webhooks specifies");
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("Webhooks, oldest first");
        group.MapGet("/{id}", Get).WithName("GetWebhook").WithSummary("One webhook and its delivery state");
        group.MapDelete("/{id}", Delete).WithName("DeleteWebhook").WithSummary("Stop and forget a webhook (its delivery log too)");
        group.MapPost("/{id}/enable", Enable).WithName("EnableWebhook")
            .WithSummary("Resume a webhook, at the delivery that failed (it was disabled after failing for Webhooks:DisableAfterHours)");
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("Delivery attempts, newest first, kept Webhooks:DeliveryLogDays (default 7)");
        return api;
    }

    private static async Task<Ok<Page<WebhookResponse>>> List([PagedBy(nameof(Lists))] PageRequest page, WebhookStore store, CancellationToken ct)
    {
        var (limit, after) = (page.Limit, page.After);
        var rows = await store.QueryAsync($"SELECT {Webhook.Columns} FROM webhooks WHERE id > $1 ORDER BY id LIMIT $2", Webhook.Read, ct,
            after is null ? Guid.Empty : after[0].GetGuid(), limit + 1);
        var next = rows.Count > limit ? Cursor.Encode(Lists.List, rows[limit - 1].Id) : null;
        return TypedResults.Ok(new Page<WebhookResponse>([.. rows.Take(limit).Select(w => w.ToResponse())], next));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemResult>> Get(string id, WebhookStore store, CancellationToken ct) =>
        await FindAsync(id, store, ct) is { } webhook ? TypedResults.Ok(webhook.ToResponse()) : Problems.NotFound("webhook", id);

    private static async Task<Results<NoContent, ProblemResult>> Delete(string id, WebhookStore store, CancellationToken ct)
    {
        if (await FindAsync(id, store, ct) is not { } webhook)
        {
            return Problems.NotFound("webhook", id);
        }
        await store.ExecuteAsync("DELETE FROM webhooks WHERE id = $1", ct, webhook.Id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemResult>> Enable(string id, WebhookStore store, CancellationToken ct)
    {
        if (await FindAsync(id, store, ct) is not { } webhook)
        {
            return Problems.NotFound("webhook", id);
        }
        var enabled = await store.QueryAsync($"""
            UPDATE webhooks SET disabled_at = NULL, disabled_reason = NULL, attempt = 0, failing_since = NULL, next_attempt_at = now()
            WHERE id = $1 RETURNING {Webhook.Columns}
            """, Webhook.Read, ct, webhook.Id);
        return enabled.Count == 1 ? TypedResults.Ok(enabled[0].ToResponse()) : Problems.NotFound("webhook", id);
    }

    private static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemResult>> Deliveries(string id, [PagedBy(nameof(DeliveryLists))] PageRequest page, WebhookStore store, CancellationToken ct)
    {
        var (limit, after) = (page.Limit, page.After);
        if (await FindAsync(id, store, ct) is not { } webhook)
        {
            return Problems.NotFound("webhook", id);
        }
        var rows = await store.QueryAsync("""
            SELECT id, seq, attempt, at, status, error, duration_ms FROM webhook_deliveries
            WHERE webhook_id = $1 AND ($2 OR (at, id) < ($3, $4))
            ORDER BY at DESC, id DESC LIMIT $5
            """, r => new DeliveryResponse(r.GetGuid(0), r.GetInt64(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3),
                r.IsDBNull(4) ? null : r.GetInt32(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6)), ct,
            webhook.Id, after is null, after?[0].GetDateTimeOffset() ?? DateTimeOffset.UnixEpoch, after?[1].GetGuid() ?? Guid.Empty, limit + 1);
        var next = rows.Count > limit ? Cursor.Encode(DeliveryLists.List, rows[limit - 1].At, rows[limit - 1].Id) : null;
        return TypedResults.Ok(new Page<DeliveryResponse>([.. rows.Take(limit)], next));
    }

    private static async Task<Webhook?> FindAsync(string id, WebhookStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) ? await store.FindAsync(webhookId, ct) : null;
}

public static class WebhookSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDelivery>();
        return services;
    }
}
