using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Retractions;

public static class RetractionEndpoints
{
    public static IEndpointRouteBuilder MapRetractionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/retractions", ListRetractions.Handle).WithHistoryETag().WithTags("Retractions").WithName("ListRetractions")
            .WithSummary("Retractions by (retractedAt, statementId) with the statement and the figures withdrawn; filters incident, source, from, to")
            .Produces<Page<RetractionItem>>()
            .WithQuery([new("incident", "Incident id or slug."), new("source", "Source id of the retracted statement.")],
                QueryDocs.Period, QueryDocs.TimeTravel, QueryDocs.Paging);
        return app;
    }
}
