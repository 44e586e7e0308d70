using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>One write: what (entity, id), how (op), when (at) and who (by: the name of the API key that made it).</summary>
public sealed record ChangeResponse(long Seq, string Entity, Guid Id, string Op, DateTimeOffset At, string By);

/// <summary>
/// Every write in commit order. Sequence numbers are taken under the global write lock and
/// the lock is held until commit (see <see cref="Writer"/>), so seq order is commit order and
/// a dashboard polling <c>after=</c> its last seq never skips a write.
/// </summary>
public static class ChangeFeed
{
    private static readonly Keyset<Change> Order = new("changes", c => c.Seq);

    public static async Task<Results<Ok<Page<ChangeResponse>>, ProblemResult>> Handle(ChangeListFilter filter, Recorded recorded, [PagedBy(nameof(Order))] PageRequest paging, UnrestDb db,
        CancellationToken ct)
    {
        var ((after, incident), time, (limit, cursor)) = (filter, recorded.At, paging);
        var changes = db.Changes.AsNoTracking().Where(c => c.At <= time);
        // A cursor, when given, takes the place of after=.
        changes = cursor is null ? changes.Where(c => c.Seq > after) : Order.After(changes, cursor);
        if (incident is not null)
        {
            if (await db.IncidentIdAsync(incident, time, ct) is not { } incidentId)
            {
                return Problems.NotFound("incident", incident);
            }
            changes = OfIncident(db, changes, incidentId);
        }
        var page = Order.Page(await Order.Sort(changes).Take(limit + 1).ToListAsync(ct), limit);
        var items = page.Items.Select(c => new ChangeResponse(c.Seq, c.Entity, c.EntityId, c.Op, c.At, c.By)).ToList();
        return TypedResults.Ok(new Page<ChangeResponse>(items, page.NextCursor));
    }

    /// <summary>
    /// The incident's own writes and those of its events, statements and retractions (a retraction's id is its
    /// statement's). Sources belong to no incident. Derived from the version rows, so older changes qualify too.
    /// </summary>
    internal static IQueryable<Change> OfIncident(UnrestDb db, IQueryable<Change> changes, Guid incidentId) => changes.Where(c =>
        (c.Entity == ChangeEntities.Incident && c.EntityId == incidentId)
        || (c.Entity == ChangeEntities.Event && db.EventVersions.Any(v => v.Id == c.EntityId && v.IncidentId == incidentId))
        || ((c.Entity == ChangeEntities.Statement || c.Entity == ChangeEntities.Retraction)
            && db.StatementVersions.Any(s => s.Id == c.EntityId && s.IncidentId == incidentId)));

    public static RouteGroupBuilder MapChangeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", Handle).WithHistoryETag().ReadsHistoryOnly().WithTags("Changes").WithName("ListChanges")
            .WithSummary("Every write in commit order, oldest first; poll with after= the last seq you saw");
        api.MapGet("/changes/stream", ChangeStream.Handle).WithTags("Changes").WithName("StreamChanges").IsLive()
            .WithSummary("The change feed as Server-Sent Events: one event per change (id: its seq), after Last-Event-ID, after= or now")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithQuery([
                new QueryParameter("after", "Start after this seq (default: the newest change when the stream starts); a Last-Event-ID header wins.",
                    Schema: () => QuerySchemas.Integer(0)),
                new QueryParameter("incident", "Only the writes of this incident (id or slug) and of its events, statements and retractions."),
                new QueryParameter("entity", $"Only these entities, comma-separated: {string.Join(", ", ChangeEntities.Names)}."),
            ]);
        return api;
    }

    /// <summary>The stream's shared pieces: one change signal and one tail of the primary per process, and the count of open streams.</summary>
    public static IServiceCollection AddChangeStreams(this IServiceCollection services)
    {
        services.AddSingleton<ChangeSignal>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeSignal>());
        services.AddSingleton<ChangeTail>();
        services.AddSingleton<StreamSlots>();
        return services;
    }
}

/// <summary>Where the change feed starts (<c>after</c> a seq; a cursor, when given, takes its place) and whose writes it lists.</summary>
public sealed record ChangeListFilter(long After, string? Incident) : IQueryParameters<ChangeListFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        new("after", "The last seq you have seen (default 0: from the beginning).", Schema: () => QuerySchemas.Integer(0, byDefault: 0)),
        new("incident", "Only the writes of this incident (id or slug) and of its events, statements and retractions."),
    ];

    public static ChangeListFilter Read(QueryReader query, ParameterInfo parameter) => new(ReadAfter(query), query.Text("incident"));

    private static long ReadAfter(QueryReader query)
    {
        var text = query.Text("after", 20);
        if (text is null)
        {
            return 0;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            query.Errors.Add("after", "Must be a non-negative integer: the last seq you have seen (0 for the beginning).");
        }
        return after;
    }
}
