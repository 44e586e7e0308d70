using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Retractions;

public static class RetractionEndpoints
{
    public static RouteGroupBuilder MapRetractionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/retractions", ListRetractions.Handle).WithHistoryETag().WithTags("Retractions").WithName("ListRetractions")
            .WithSummary("Retractions by (retractedAt, statementId) with the statement and the figures withdrawn; filters incident, source, from, to");
        return api;
    }
}
