using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Incidents;

public static class IncidentEndpoints
{
    /// <summary>Maps /incidents and returns its group, where the figures, timeline and feed features map their sub-resources.</summary>
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents");
        var group = incidents.MapGroup("").WithTags("Incidents").ReadsHistoryOnly();
        var writes = group.Writes();
        writes.MapPost("/", CreateIncident.Handle).WithName("CreateIncident").WithSummary("Record a new incident")
            .Accepts<IncidentRequest>("application/json");
        group.MapGet("/", ListIncidents.Handle).WithHistoryETag().WithName("ListIncidents")
            .WithSummary("List incidents by (startDate, id); filters country, from, to (overlap), q");
        group.MapGet("/{incident}", GetIncident.Handle).WithName("GetIncident").WithSummary("An incident by id or slug");
        writes.MapPut("/{incident}", UpdateIncident.Handle).WithName("UpdateIncident")
            .WithSummary("Edit an incident (If-Match required); writes a new version")
            .Accepts<IncidentRequest>("application/json");
        group.MapGet("/{incident}/versions", GetIncident.Versions).WithHistoryETag().WithName("ListIncidentVersions")
            .WithSummary("Every version of an incident, oldest first");
        return incidents;
    }
}
