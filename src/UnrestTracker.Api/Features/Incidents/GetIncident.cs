using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

public static class GetIncident
{
    private static readonly Keyset<IncidentVersion> VersionOrder = VersionPages.Order<IncidentVersion>("incident-versions");

    public static async Task<Results<Resource<IncidentResponse>, ProblemResult>> Handle(string incident, Recorded recorded, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var found = await db.FindAsync(incident, recorded.At, ct);
        return found is null ? Problems.NotFound("incident", incident) : Resource.Of(IncidentResponse.From(found, http));
    }

    public static async Task<Results<Ok<Page<VersionEntry<IncidentResponse>>>, ProblemResult>> Versions(string incident, Recorded recorded, [PagedBy(nameof(VersionOrder))] PageRequest page, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var found = await db.FindAsync(incident, recorded.At, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        return TypedResults.Ok(await db.IncidentVersions.PageAsync(VersionOrder, found.Id, recorded.At, page.Limit, page.After,
            versions => Task.FromResult(versions.Select(IncidentResponse.For(http)).ToList()), ct));
    }
}
