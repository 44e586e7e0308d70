using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Sources;

public static class SourceEndpoints
{
    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources").ReadsHistoryOnly();
        var writes = group.Writes();
        writes.MapPost("/", CreateSource.Handle).WithName("CreateSource").WithSummary("Record a new source")
            .Accepts<SourceRequest>("application/json");
        group.MapGet("/", ListSources.Handle).WithHistoryETag().WithName("ListSources").WithSummary("List sources by (name, id); filters kind, country, q");
        group.MapGet("/{id}", GetSource.Handle).WithName("GetSource").WithSummary("A source by id");
        writes.MapPut("/{id}", UpdateSource.Handle).WithName("UpdateSource")
            .WithSummary("Edit a source (If-Match required); writes a new version")
            .Accepts<SourceRequest>("application/json");
        group.MapGet("/{id}/versions", GetSource.Versions).WithHistoryETag().WithName("ListSourceVersions")
            .WithSummary("Every version of a source, oldest first");
        return api;
    }
}
