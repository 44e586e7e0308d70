using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Incidents;

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapPost("/", CreateIncident.Handle).WithName("CreateIncident").WithSummary("Record a new incident")
            .Accepts<IncidentRequest>("application/json").Produces<IncidentResponse>(StatusCodes.Status201Created).RequiresWrite();
        group.MapGet("/", ListIncidents.Handle).WithHistoryETag().WithName("ListIncidents")
            .WithSummary("List incidents by (startDate, id); filters country, from, to (overlap), q")
            .Produces<Page<IncidentResponse>>()
            .WithQuery([new("country", "ISO 3166-1 alpha-2 code, e.g. KZ."), QueryDocs.Search("title and summary")],
                QueryDocs.Period, QueryDocs.Paging, [QueryDocs.TimeTravel[1]]);
        group.MapGet("/{incident}", GetIncident.Handle).WithName("GetIncident").WithSummary("An incident by id or slug")
            .Produces<IncidentResponse>().WithQuery([QueryDocs.TimeTravel[1]]);
        group.MapPut("/{incident}", UpdateIncident.Handle).WithName("UpdateIncident")
            .WithSummary("Edit an incident (If-Match required); writes a new version")
            .Accepts<IncidentRequest>("application/json").Produces<IncidentResponse>().RequiresWrite();
        group.MapGet("/{incident}/versions", GetIncident.Versions).WithHistoryETag().WithName("ListIncidentVersions")
            .WithSummary("Every version of an incident, oldest first").Produces<Page<VersionEntry<IncidentResponse>>>()
            .WithQuery(QueryDocs.Paging, [QueryDocs.TimeTravel[1]]);
        return app;
    }
}
