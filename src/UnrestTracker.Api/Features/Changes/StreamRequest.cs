using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>Where a stream starts and what it shows: <c>Last-Event-ID</c> or <c>after</c>, <c>incident</c>, <c>entity</c>.</summary>
public sealed class StreamRequest
{
    public const string LastEventId = "Last-Event-ID";

    public ProblemResult? Problem { get; private init; }
    public long After { get; private init; }
    public ChangeFilter Filter { get; private init; } = new(null, null);

    public static async Task<StreamRequest> ReadAsync(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = QueryReader.Of(http);
        var header = http.Request.Headers[LastEventId];
        var (field, text) = header.Count > 0 ? (LastEventId, header.ToString().Trim()) : ("after", query.Text("after", 20));
        var after = Position(field, text, query.Errors);
        var entities = ChangeEntities.Parse(query.Text("entity"), "entity", query.Errors);
        var incident = query.Text("incident");
        if (!query.Errors.IsValid)
        {
            return new StreamRequest { Problem = query.Errors.Problem() };
        }
        Guid? incidentId = null;
        if (incident is not null)
        {
            incidentId = await db.IncidentIdAsync(incident, RequestClock.Of(http), ct);
            if (incidentId is null)
            {
                return new StreamRequest { Problem = Problems.NotFound("incident", incident) };
            }
        }
        var newest = await db.Changes.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
        if (after > newest)
        {
            return new StreamRequest { Problem = Problems.Invalid(field, $"Beyond the newest change ({newest}): give a seq you have seen.") };
        }
        return new StreamRequest { After = after ?? newest, Filter = new ChangeFilter(entities, incidentId) };
    }

    private static long? Position(string field, string? text, Validation errors)
    {
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            errors.Add(field, "Must be a non-negative integer: the last seq you have seen (0 for the beginning).");
            return null;
        }
        return position;
    }
}

/// <summary>Which changes a stream or a webhook shows: of these entities (all when null), of this incident (any when null).</summary>
public sealed record ChangeFilter(string[]? Entities, Guid? IncidentId)
{
    public IQueryable<Change> Apply(UnrestDb db, IQueryable<Change> changes)
    {
        if (Entities is { } entities)
        {
            changes = changes.Where(c => entities.Contains(c.Entity));
        }
        return IncidentId is { } incidentId ? ChangeFeed.OfIncident(db, changes, incidentId) : changes;
    }
}
