using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

public static class GetIncident
{
    public static async Task<IResult> Handle(string incident, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        return found is null ? Problems.NotFound("incident", incident) : Representation.Ok(http, IncidentResponse.From(found));
    }

    public static async Task<IResult> Versions(string incident, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor("incident-versions", 1);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        var afterVersion = after?[0].GetInt32() ?? 0;
        var versions = await db.IncidentVersions.AsNoTracking()
            .Where(v => v.Id == found.Id && v.RecordedAt <= time.RecordedAt && v.Version > afterVersion)
            .OrderBy(v => v.Version).Take(limit + 1).ToListAsync(ct);
        var items = versions.Take(limit).Select(v => new VersionEntry<IncidentResponse>(v.Version, v.RecordedAt, v.RecordedBy, IncidentResponse.From(v))).ToList();
        var next = versions.Count > limit ? Cursor.Encode("incident-versions", items[^1].Version) : null;
        return TypedResults.Ok(new Page<VersionEntry<IncidentResponse>>(items, next));
    }
}
