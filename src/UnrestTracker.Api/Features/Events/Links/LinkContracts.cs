using System.ComponentModel.DataAnnotations;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>The body of <c>POST /events/{id}/links</c>: the event that records the same happening, and why.</summary>
public sealed record LinkRequest
{
    [Required]
    public Guid? To { get; init; }
    [TextLimit(TextLimits.Reason)]
    [Required]
    public string? Reason { get; init; }
}

/// <summary>A <c>same_as</c> link: from one event to another, who recorded it, when and why.</summary>
public sealed record LinkResponse(Guid Id, Guid From, Guid To, string Relation, string Reason, string By, DateTimeOffset At);

/// <summary>When, by whom and why a link was ended.</summary>
public sealed record LinkEndResponse(DateTimeOffset At, string By, string Reason);

/// <summary>A link in an event's links history, with its end once it has one (at the moment asked).</summary>
public sealed record LinkHistoryResponse(Guid Id, Guid From, Guid To, string Relation, string Reason, string By, DateTimeOffset At, LinkEndResponse? Ended);

/// <summary>The link by which a <c>sameAs</c> event is reached.</summary>
public sealed record SameAsLink(Guid Id, string Reason, string By, DateTimeOffset At);

/// <summary>Another record of the same happening: an event of the cluster, and the link that reaches it.</summary>
public sealed record SameAsEvent(Guid Id, Guid IncidentId, string Title, DateOnly Date, IReadOnlyList<ExternalRef> ExternalRefs, SameAsLink Link);
