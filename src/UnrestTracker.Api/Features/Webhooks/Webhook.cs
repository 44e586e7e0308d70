using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary><c>POST /webhooks</c>: where to send changes, and which (entities, incident: id or slug; all when absent).</summary>
public sealed record WebhookRequest(
    [property: Required, TextLimit(TextLimits.Url)] string? Url,
    [property: TextLimit(TextLimits.Reason)] string? Description,
    [property: TextLimit(TextLimits.Code)] string[]? Entities,
    [property: TextLimit(TextLimits.Name)] string? Incident,
    [property: TextLimit(TextLimits.Query)] string? Secret);

/// <summary>Disabled after failing for <c>Webhooks:DisableAfterHours</c>: when, and the last failure.</summary>
public sealed record DisabledResponse(DateTimeOffset At, string Reason);

/// <summary>A webhook; <c>secret</c> only in the answer that created it.</summary>
public sealed record WebhookResponse(Guid Id, string Url, string? Description, IReadOnlyList<string>? Entities, Guid? IncidentId,
    DateTimeOffset CreatedAt, string CreatedBy, long Position, DateTimeOffset? FailingSince, DisabledResponse? Disabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);

/// <summary>One attempt to deliver one change: the HTTP status, or null when none came.</summary>
public sealed record DeliveryResponse(Guid Id, long Seq, int Attempt, DateTimeOffset At, int? Status, string? Error, int DurationMs);

/// <summary>A webhook as stored, with its delivery state: the last seq handled, and the failed attempts of the next one.</summary>
public sealed record Webhook(Guid Id, string Url, string? Description, string[]? Entities, Guid? IncidentId, string Secret,
    DateTimeOffset CreatedAt, string CreatedBy, long Position, int Attempt, DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public const string Columns = "id, url, description, entities, incident_id, secret, created_at, created_by, position, attempt, failing_since, disabled_at, disabled_reason";

    public static Webhook Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetFieldValue<string[]>(3),
        r.IsDBNull(4) ? null : r.GetGuid(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetInt64(8), r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetString(12));

    public WebhookResponse ToResponse(string? secret = null) => new(Id, Url, Description, Entities, IncidentId, CreatedAt, CreatedBy, Position,
        FailingSince, DisabledAt is { } at ? new DisabledResponse(at, DisabledReason ?? "") : null, secret);

    /// <summary>The <c>webhook-id</c> of the delivery of one change: the same on every attempt.</summary>
    public string MessageId(long seq) => $"msg_{Id:N}_{seq}";
}
