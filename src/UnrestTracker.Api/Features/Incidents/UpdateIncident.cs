using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

public static class UpdateIncident
{
    public static async Task<Results<Resource<IncidentResponse>, ProblemResult>> Handle(string incident, IncidentRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct) =>
        await writer.WriteAsync<Results<Resource<IncidentResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var current = await db.FindAsync(incident, batch.At, ct);
            if (current is null)
            {
                return Problems.NotFound("incident", incident);
            }
            if (Representation.CheckIfMatch(http, IncidentResponse.From(current, http)) is { } failed)
            {
                return failed;
            }
            var validation = request.Validate();
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
            var slug = request.Slug ?? current.Slug;
            if (slug != current.Slug && await db.SlugTakenAsync(slug, current.Id, ct))
            {
                return Problems.Conflict("The slug is taken.", $"Another incident already uses the slug '{slug}'.");
            }
            var next = batch.NextVersion(current);
            request.ApplyTo(next, slug);
            db.IncidentVersions.Add(next);
            batch.Record(ChangeEntities.Incident, next.Id, ChangeOps.Updated);
            return Resource.Of(IncidentResponse.From(next, http));
        }, ct);
}
