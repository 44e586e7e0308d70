using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Statements;

public static class StatementEndpoints
{
    public static RouteGroupBuilder MapStatementEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statements").WithTags("Statements");
        var writes = group.Writes();
        writes.MapPost("/", CreateStatement.Handle).WithName("CreateStatement").WithSummary("Record what a source said, figures inline")
            .Accepts<StatementRequest>("application/json");
        group.MapGet("/", ListStatements.Handle).WithHistoryETag().WithName("ListStatements")
            .WithSummary("List statements by (statedAt, id); filters incident, event, level, source, sourceKind, status, from, to, q; asOf, recordedAsOf")
            .WithDescription("Accept: text/csv (or format=csv) streams the whole filtered set as a CSV file instead of a page, one row per "
                + "statement with its figures summarised in one column (killed=164 (exact, people);...); limit and cursor are then ignored.").ProducesExports("text/csv");
        group.MapGet("/{id}", GetStatement.Handle).WithName("GetStatement").WithSummary("A statement with its figures, withdrawn ones included");
        writes.MapPut("/{id}", UpdateStatement.Handle).WithName("UpdateStatement")
            .WithSummary("Editorial fix (If-Match required): every figure by its id; writes a new version")
            .Accepts<StatementRequest>("application/json");
        writes.MapDelete("/{id}", DeleteStatement.Handle).WithName("DeleteStatement")
            .WithSummary("Withdraw a statement entered by mistake (reason required); leaves a tombstone");
        writes.MapPost("/{id}/retraction", RetractStatement.Handle).WithName("RetractStatement")
            .WithSummary("Record that the source retracted the statement; one per statement")
            .Accepts<RetractionRequest>("application/json");
        group.MapGet("/{id}/versions", GetStatement.Versions).WithHistoryETag().WithName("ListStatementVersions")
            .WithSummary("Every version of a statement with its figures, oldest first");
        return api;
    }
}
