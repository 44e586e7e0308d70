using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

public static class GetIncident
{
    private static readonly Keyset<IncidentVersion> VersionOrder = VersionPages.Order<IncidentVersion>("incident-versions");

    public static async Task<IResult> Handle(string incident, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        return found is null ? Problems.NotFound("incident", incident) : Representation.Ok(http, IncidentResponse.From(found, http));
    }

    public static async Task<IResult> Versions(string incident, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(VersionOrder.List, VersionOrder.Types);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        return TypedResults.Ok(await db.IncidentVersions.PageAsync(VersionOrder, found.Id, time.RecordedAt, limit, after,
            versions => Task.FromResult(versions.Select(IncidentResponse.For(http)).ToList()), ct));
    }
}
