using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>How one factor counted in a candidate's score: what was found, what it added, and in words why.</summary>
public sealed record CandidateFactor<T>(T Value, double Adds, string Counted);

/// <summary>The four factors of a candidate's score, which is their sum.</summary>
public sealed record CandidateFactors(
    CandidateFactor<double> DistanceKm, CandidateFactor<int> DaysApart, CandidateFactor<bool> SameType, CandidateFactor<string[]> SharedActors);

/// <summary>An event that may record the same happening as the one asked about, with its score (0-1) and why.</summary>
public sealed record CandidateResponse(
    Guid Id, Guid IncidentId, string Title, DateOnly Date, DateOnly? EndDate, EventType Type, string[] Actors, double Latitude, double Longitude,
    IReadOnlyList<ExternalRef> ExternalRefs, double Score, CandidateFactors Factors);

/// <summary>
/// <c>GET /events/{id}/candidates</c>: events of any incident, not deleted, not in the event's cluster, with coordinates,
/// within <c>withinKm</c> and within <c>days</c> of its dates, scored. Suggestions only: nothing is linked here.
/// </summary>
public static class Candidates
{
    private const double DistanceWeight = 0.4, DaysWeight = 0.3, TypeWeight = 0.2, ActorsWeight = 0.1;

    public static async Task<Results<Ok<Page<CandidateResponse>>, ProblemResult>> Handle(string id, CandidateReach reach, TimeTravel time, UnrestDb db, CancellationToken ct)
    {
        var (withinKm, days, limit) = reach;
        var found = await db.FindEventAsync(id, time, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        var e = found.Version;
        if (e is not { Latitude: { } lat, Longitude: { } lon })
        {
            return Problems.Invalid("location", "This event has no coordinates: candidates are found by distance, so there are none to find.");
        }
        var cluster = EventLinks.Clusters(await EventLinks.OfClustersAsync(db, [e.Id], time.RecordedAt, ct)).GetValueOrDefault(e.Id) ?? [e.Id];
        var (first, last) = (e.Date.AddDays(-days), (e.EndDate ?? e.Date).AddDays(days));
        var around = new NearPoint(lat, lon, withinKm);
        // Scored from what the score reads; only the chosen few are then read whole (the densest places hold a thousand).
        var near = await around.Apply(Around(db, time, around.Box(), first, last))
            .Where(c => !cluster.Contains(c.Id) && c.Date <= last && (c.EndDate ?? c.Date) >= first)
            .Select(c => new { c.Id, c.Date, c.EndDate, c.Type, c.Actors, c.Latitude, c.Longitude })
            .ToListAsync(ct);
        // Every candidate is scored; only the chosen few have their factors put in words.
        CandidateFactors FactorsOf(bool explain, DateOnly date, DateOnly? endDate, EventType type, string[] actors, double? latitude, double? longitude) =>
            Factors(e, date, endDate, type, actors, latitude!.Value, longitude!.Value, withinKm, days, explain);
        var chosen = near
            .Select(c => (c.Id, Score: Score(FactorsOf(false, c.Date, c.EndDate, c.Type, c.Actors, c.Latitude, c.Longitude)), Candidate: c))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Id).Take(limit)
            .Select(c => (c.Id, c.Score, Factors: FactorsOf(true, c.Candidate.Date, c.Candidate.EndDate, c.Candidate.Type, c.Candidate.Actors, c.Candidate.Latitude, c.Candidate.Longitude)))
            .ToList();
        var ids = chosen.Select(c => c.Id).ToArray();
        var rows = await db.EventVersions.FromSql($"SELECT e.* FROM event_versions_at({time.RecordedAt}) e WHERE e.id = ANY ({ids})")
            .AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var items = chosen.Select(c => Response(rows[c.Id], c.Score, c.Factors)).ToList();
        return TypedResults.Ok(new Page<CandidateResponse>(items, null));
    }

    private static CandidateResponse Response(EventVersion r, double score, CandidateFactors factors) => new(
        r.Id, r.IncidentId, r.Title, r.Date, r.EndDate, r.Type, r.Actors, r.Latitude!.Value, r.Longitude!.Value, r.ExternalRefs, score, factors);

    /// <summary>
    /// The events standing at the moment asked whose point lies in <paramref name="box"/> and whose days meet
    /// <paramref name="first"/>..<paramref name="last"/>: one range scan of ix_event_versions_place_days (migration
    /// CandidateSearch), so the search reads the events near in place and in time, never all of them. A box across the
    /// antimeridian asks for its whole latitude band; the exact box and distance follow in <see cref="NearPoint.Apply"/>.
    /// </summary>
    private static IQueryable<EventVersion> Around(UnrestDb db, TimeTravel time, BoundingBox box, DateOnly first, DateOnly last)
    {
        var (west, east) = box.CrossesAntimeridian ? (-180.0, 180.0) : (box.West, box.East);
        return db.EventVersions.FromSql($"""
            SELECT e.* FROM event_versions_at({time.RecordedAt}) e
            WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL
              AND point(e.longitude, e.latitude) <@ box(point({west}, {box.South}), point({east}, {box.North}))
              AND daterange(e.date, greatest(e.date, coalesce(e.end_date, e.date)), '[]') && daterange({first}, {last}, '[]')
            """).AsNoTracking().HappenedBy(time);
    }

    private static double Score(CandidateFactors f) => Math.Round(f.DistanceKm.Adds + f.DaysApart.Adds + f.SameType.Adds + f.SharedActors.Adds, 3);

    /// <summary>How each factor counted; in words only when <paramref name="explain"/> (the words are the costly part).</summary>
    private static CandidateFactors Factors(
        EventVersion e, DateOnly date, DateOnly? endDate, EventType type, string[] actors, double lat, double lon, double withinKm, int days, bool explain)
    {
        var km = Math.Round(DistanceKm(e.Latitude!.Value, e.Longitude!.Value, lat, lon), 3);
        var apart = Math.Max(0, Math.Max(date.DayNumber - (e.EndDate ?? e.Date).DayNumber, e.Date.DayNumber - (endDate ?? date).DayNumber));
        var shared = e.Actors.Intersect(actors, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var fewer = Math.Min(e.Actors.Length, actors.Length);
        var same = e.Type == type;
        return new CandidateFactors(
            new(km, Round(DistanceWeight * (1 - km / withinKm)), !explain ? ""
                : string.Create(CultureInfo.InvariantCulture, $"{km:0.###} km of at most {withinKm:0.###}: nearer counts more, up to {DistanceWeight}")),
            new(apart, Round(DaysWeight * (1 - apart / (days + 1.0))), !explain ? ""
                : apart == 0 ? $"the dates overlap: counts fully, {DaysWeight}" : $"{apart} of at most {days} days apart: closer counts more, up to {DaysWeight}"),
            new(same, same ? TypeWeight : 0, !explain ? "" : same ? $"the same event type: counts {TypeWeight}" : "another event type: counts nothing"),
            new(shared, fewer == 0 ? 0 : Round(ActorsWeight * shared.Length / fewer), !explain ? ""
                : fewer == 0 ? "one of the events names no actor: counts nothing"
                : $"{shared.Length} of the {fewer} actors of the event naming fewer are shared: counts that share of {ActorsWeight}"));
    }

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>Great-circle distance on <see cref="NearPoint"/>'s sphere.</summary>
    private static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double radians = Math.PI / 180;
        var h = Math.Pow(Math.Sin((lat2 - lat1) * radians / 2), 2)
            + Math.Cos(lat1 * radians) * Math.Cos(lat2 * radians) * Math.Pow(Math.Sin((lon2 - lon1) * radians / 2), 2);
        return 2 * NearPoint.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>How far the candidates may lie from the event, in km and in days, and how many to list.</summary>
public sealed record CandidateReach(double WithinKm, int Days, int Limit) : IQueryParameters<CandidateReach>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        new("withinKm", "Great-circle distance in km, more than 0 and at most 500 (default 25).", Schema: () => QuerySchemas.Number("0", "500")),
        new("days", "Days from the event's date..endDate, 0 to 30 (default 1).", Schema: () => QuerySchemas.Integer(0, 30, 1)),
        new("limit", "How many candidates, 1 to 100 (default 20).", Schema: () => QuerySchemas.Integer(1, 100, 20)),
    ];

    public static CandidateReach Read(QueryReader query, ParameterInfo parameter) => new(
        Bounded(query, "withinKm", 25, 500, integer: false),
        (int)Bounded(query, "days", 1, 30, integer: true, minimum: 0),
        (int)Bounded(query, "limit", 20, 100, integer: true, minimum: 1));

    private static double Bounded(QueryReader query, string name, double byDefault, double maximum, bool integer, double minimum = 0)
    {
        var text = query.Text(name);
        if (text is null)
        {
            return byDefault;
        }
        var ok = double.TryParse(text, integer ? NumberStyles.None : NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && (integer ? value >= minimum : value > minimum) && value <= maximum;
        if (!ok)
        {
            query.Errors.Add(name, integer ? $"Must be an integer from {minimum} to {maximum}." : $"Must be a number of kilometres greater than {minimum} and at most {maximum}.");
            return byDefault;
        }
        return value;
    }
}
