using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

/// <summary>The rules of an event body: first those of its own fields, then those that need the database.</summary>
public static class EventValidation
{
    public static Validation Validate(this EventRequest request)
    {
        var v = new Validation().CheckLimits(request);
        if (request.EndDate < request.Date)
        {
            v.Add("endDate", "Must not be before date.");
        }
        if (request.Location is { } location)
        {
            CheckLocation(v, location);
        }
        v.Each("actors", request.Actors);
        v.Each("tags", request.Tags);
        foreach (var i in BodyLimits.Indexes(request.ExternalRefs?.Length))
        {
            if (request.ExternalRefs![i] is not { } reference)
            {
                v.Add($"externalRefs[{i}]", "Must not be null.");
                continue;
            }
            if (!string.IsNullOrWhiteSpace(reference.System))
            {
                v.Key($"externalRefs[{i}].system", reference.System);
            }
            v.Url($"externalRefs[{i}].url", reference.Url);
        }
        return v;
    }

    private static void CheckLocation(Validation v, LocationRequest location)
    {
        if (!string.IsNullOrWhiteSpace(location.Country))
        {
            v.Country("location.country", location.Country);
        }
        if (location.Latitude is < -90 or > 90)
        {
            v.Add("location.latitude", "Must be between -90 and 90.");
        }
        if (location.Longitude is < -180 or > 180)
        {
            v.Add("location.longitude", "Must be between -180 and 180.");
        }
        if (location.Latitude.HasValue != location.Longitude.HasValue)
        {
            v.Add(location.Latitude is null ? "location.latitude" : "location.longitude", "Latitude and longitude come together or not at all.");
        }
    }

    /// <summary>The incident and every source must exist (as the database stands now).</summary>
    public static async Task<Validation> CheckReferencesAsync(this EventRequest request, UnrestDb db, DateTimeOffset at, CancellationToken ct)
    {
        var v = new Validation();
        if (await db.FindAsync(request.IncidentId!.Value.ToString(), at, ct) is null)
        {
            v.Add("incidentId", $"There is no incident '{request.IncidentId}'.");
        }
        var ids = request.SourceIds ?? [];
        var missing = (await db.MissingSourcesAsync(ids.Distinct().ToList(), ct)).ToHashSet();
        for (var i = 0; i < ids.Length; i++)
        {
            if (missing.Contains(ids[i]))
            {
                v.Add($"sourceIds[{i}]", $"There is no source '{ids[i]}'.");
            }
        }
        return v;
    }
}
