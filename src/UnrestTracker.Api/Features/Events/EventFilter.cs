using System.Reflection;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Search;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Events;

/// <summary>The filters of the event list and its exports; they compose with AND.</summary>
public sealed record EventFilter(
    string? Incident, string? Country, EventType? Type, DateOnly? From, DateOnly? To, string? Actor, string? Text,
    BoundingBox? Box, NearPoint? Near, string? ExternalKey) : IQueryParameters<EventFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        BucketsTheDates(parameter) ? EventEndpoints.Filters : [.. EventEndpoints.Filters, .. QueryDocs.Period];

    public static EventFilter Read(QueryReader query, ParameterInfo parameter) => Read(query, period: !BucketsTheDates(parameter));

    private static bool BucketsTheDates(ParameterInfo parameter) => parameter.GetCustomAttribute<DatesAreBucketsAttribute>() is not null;

    /// <summary>The filters from the query; <paramref name="period"/> says whether from/to filter the events (the stats read them as bucket dates instead).</summary>
    public static EventFilter Read(QueryReader query, bool period = true)
    {
        var incident = query.Text("incident");
        var country = query.Country("country");
        var type = query.Enum<EventType>("type");
        var (from, to) = period ? query.Period() : (null, null);
        var actor = query.Text("actor", TextLimits.Label);
        var text = query.Text("q");
        var box = BoundingBox.Read(query);
        var near = NearPoint.Read(query);
        var externalRef = query.Text("externalRef", TextLimits.Key + 1 + TextLimits.Label);
        if (externalRef is not null && externalRef.IndexOf(':', StringComparison.Ordinal) is var colon && (colon < 1 || colon == externalRef.Length - 1))
        {
            query.Errors.Add("externalRef", "Must be system:id, for example acled:KAZ2811.");
        }
        return new(incident, country, type, FirstDay(from), LastDay(to), actor, text, box, near, externalRef);
    }

    // An event stands at its date's 00:00Z (as in the timeline): from=2022-01-05T12:00Z starts with the 6th.
    private static DateOnly? FirstDay(DateTimeOffset? at) => at is { } t ? Timestamps.FirstDayFrom(t) : null;

    private static DateOnly? LastDay(DateTimeOffset? at) => at is { } t ? Timestamps.DayOf(t) : null;

    /// <summary>
    /// The visible events that pass every filter, or null when the <c>incident</c> filter names no incident.
    /// The incident (id or slug) is resolved first; so are the ids that ever carried the external ref: its keys are
    /// nearly all distinct, so PostgreSQL has no statistics for them and would otherwise walk the date index.
    /// </summary>
    public async Task<IQueryable<EventVersion>?> ApplyAsync(UnrestDb db, TimeTravel time, CancellationToken ct)
    {
        var events = db.Visible(time);
        if (Incident is not null)
        {
            if (await db.IncidentIdAsync(Incident, time.RecordedAt, ct) is not { } incidentId)
            {
                return null;
            }
            events = events.Where(v => v.IncidentId == incidentId);
        }
        if (ExternalKey is not null)
        {
            var wanted = new[] { ExternalKey };
            var ids = await db.EventVersions.Where(v => wanted.All(k => v.ExternalKeys.Contains(k))).Select(v => v.Id).Distinct().ToListAsync(ct);
            events = events.Where(v => ids.Contains(v.Id) && wanted.All(k => v.ExternalKeys.Contains(k)));
        }
        return Apply(events);
    }

    private IQueryable<EventVersion> Apply(IQueryable<EventVersion> events)
    {
        if (Country is not null)
        {
            events = events.Where(v => v.Country == Country);
        }
        if (Type is { } type)
        {
            events = events.Where(v => v.Type == type);
        }
        if (From is { } from)
        {
            events = events.Where(v => v.Date >= from);
        }
        if (To is { } to)
        {
            events = events.Where(v => v.Date <= to);
        }
        if (Actor is not null)
        {
            // ARRAY[actor] <@ actors: answered by the GIN index on actors.
            var wanted = new[] { Actor };
            events = events.Where(v => wanted.All(a => v.Actors.Contains(a)));
        }
        if (Text is not null)
        {
            events = events.Where(v => v.SearchVector.Matches(TextSearch.Query(Text)));
        }
        if (Box is not null)
        {
            events = Box.Apply(events);
        }
        return Near is null ? events : Near.Apply(events);
    }
}

/// <summary>On an <see cref="EventFilter"/> argument: from and to are not the events' period but the dates of buckets another argument reads (the stats).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DatesAreBucketsAttribute : Attribute;
