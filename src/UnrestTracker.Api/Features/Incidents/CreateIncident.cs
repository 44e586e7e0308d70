using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Incidents;

public static class CreateIncident
{
    public static async Task<Results<CreatedResource<IncidentResponse>, ProblemResult>> Handle(IncidentRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<IncidentResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var created = await RecordAsync(db, batch, request, ct);
            return created is null
                ? Problems.Conflict("The slug is taken.", $"Another incident already uses the slug '{request.Slug}'.")
                : Resource.Created($"{ApiPath.V1}/incidents/{created.Id}", IncidentResponse.From(created, http));
        }, ct);
    }

    /// <summary>Adds version 1 of a new incident, or returns null when its explicit slug is taken.</summary>
    public static async Task<IncidentVersion?> RecordAsync(UnrestDb db, WriteBatch batch, IncidentRequest request, CancellationToken ct)
    {
        string slug;
        if (request.Slug is not null)
        {
            if (await db.SlugTakenAsync(request.Slug, null, ct))
            {
                return null;
            }
            slug = request.Slug;
        }
        else
        {
            slug = await FreeSlugAsync(db, Slugs.FromTitle(request.Title!), ct);
        }
        var version = batch.FirstVersion<IncidentVersion>();
        request.ApplyTo(version, slug);
        db.IncidentVersions.Add(version);
        batch.Record(ChangeEntities.Incident, version.Id, ChangeOps.Created);
        return version;
    }

    /// <summary>A derived slug never clashes: "-2", "-3", ... is appended as needed.</summary>
    private static async Task<string> FreeSlugAsync(UnrestDb db, string baseSlug, CancellationToken ct)
    {
        var candidate = baseSlug;
        for (var n = 2; await db.SlugTakenAsync(candidate, null, ct); n++)
        {
            var suffix = $"-{n}";
            candidate = baseSlug[..Math.Min(baseSlug.Length, Slugs.MaxLength - suffix.Length)].TrimEnd('-') + suffix;
        }
        return candidate;
    }
}
