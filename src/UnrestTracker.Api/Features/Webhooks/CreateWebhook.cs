using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Features.Changes;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary><c>POST /webhooks</c>: checks the URL (and where it resolves to), the filters and the secret; the webhook receives the changes committed after this.</summary>
public static class CreateWebhook
{
    public const int MaxUrlLength = TextLimits.Url;

    public static async Task<Results<Created<WebhookResponse>, ProblemResult>> Handle(WebhookRequest request, HttpContext http, UnrestDb db, WebhookStore store, WebhookSender sender, CancellationToken ct)
    {
        var errors = new Validation().CheckLimits(request);
        await CheckUrlAsync(request.Url, sender.AllowPrivateNetworks, errors, ct);
        var entities = request.Entities is { Length: > 0 } names ? names : null;
        foreach (var i in BodyLimits.Indexes(entities?.Length))
        {
            if (!ChangeEntities.Names.Contains(entities![i]))
            {
                errors.Add($"entities[{i}]", $"Unknown entity '{entities[i]}'; use {string.Join(", ", ChangeEntities.Names)}.");
            }
        }
        if (request.Secret is not null && WebhookSecrets.KeyOf(request.Secret) is null)
        {
            errors.Add("secret", "Must be whsec_ followed by the base64 of 24 to 64 random bytes (or leave it out to have one generated).");
        }
        Guid? incidentId = null;
        if (request.Incident is { } incident && errors.IsValid)
        {
            incidentId = (await db.FindAsync(incident, DateTimeOffset.UtcNow, ct))?.Id;
            if (incidentId is null)
            {
                errors.Add("incident", $"There is no incident '{incident}'.");
            }
        }
        if (!errors.IsValid)
        {
            return errors.Problem();
        }
        var secret = request.Secret ?? WebhookSecrets.Generate();
        var created = (await store.QueryAsync($"""
            INSERT INTO webhooks (id, url, description, entities, incident_id, secret, created_at, created_by, position, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6, now(), $7, (SELECT coalesce(max(seq), 0) FROM changes), now())
            RETURNING {Webhook.Columns}
            """, Webhook.Read, ct, Guid.CreateVersion7(), request.Url!, request.Description, entities, incidentId, secret, Caller.NameOf(http))).Single();
        return TypedResults.Created($"{ApiPath.V1}/webhooks/{created.Id}", created.ToResponse(secret));
    }

    private static async Task CheckUrlAsync(string? url, bool allowPrivate, Validation errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }
        if (url!.Length > MaxUrlLength)
        {
            return; // CheckLimits names it
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
        {
            errors.Add("url", "Must be an absolute http or https URL without user information.");
            return;
        }
        if ((await AddressRules.ResolveAsync(uri.IdnHost, allowPrivate, ct)).Refusal is { } refusal)
        {
            errors.Add("url", refusal);
        }
    }
}
