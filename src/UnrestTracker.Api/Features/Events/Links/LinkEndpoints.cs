using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Events.Links;

public static class LinkEndpoints
{
    /// <summary>Maps the links and candidates of an event into the events group and its writes.</summary>
    public static RouteGroupBuilder MapEventLinkEndpoints(this RouteGroupBuilder events, RouteGroupBuilder writes)
    {
        writes.MapPost("/{id}/links", LinkEvents.Handle).WithName("LinkEvents")
            .WithSummary("Record that another event is the same happening (same_as); 409 when they are already in one cluster")
            .Accepts<LinkRequest>("application/json");
        writes.MapDelete("/{id}/links/{linkId}", EndLink.Handle).WithName("EndEventLink")
            .WithSummary("End a link (reason required); ending it again is a no-op 204");
        events.MapGet("/{id}/links", ListLinks.Handle).WithHistoryETag().WithName("ListEventLinks")
            .WithSummary("The event's links history: every link to or from it, oldest first, with its end (not paged)");
        events.MapGet("/{id}/candidates", Candidates.Handle).WithHistoryETag().WithName("ListEventCandidates")
            .WithSummary("Events that may record the same happening, scored 0-1 with the factors that made the score (not paged)");
        return events;
    }
}
