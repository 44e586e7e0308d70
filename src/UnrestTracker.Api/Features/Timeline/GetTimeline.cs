using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Retractions;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Timeline;

/// <summary>An incident's events, statements and retractions merged oldest first, keyset paged by (at, kind, id).</summary>
public static class GetTimeline
{
    // The merged order, for the cursor and the page: TimelineQueries reads each stream after the cursor (how depends
    // on the cursor's kind) and TimelineKey.CompareTo merges them in memory.
    private static readonly Keyset<TimelineKey> Order = new("timeline", k => k.At, k => (int)k.Kind, k => k.Id);

    public static async Task<Results<Ok<Page<TimelineItem>>, ProblemResult>> Handle(string incident, TimelineFilter filter, TimeTravel time, [PagedBy(nameof(Order))] PageRequest paging,
        UnrestDb db, CancellationToken ct)
    {
        var (from, to, kinds) = filter;
        var (limit, cursor) = (paging.Limit, paging.After);
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        TimelineKey? after = cursor is null ? null
            : new TimelineKey(cursor[0].GetDateTimeOffset(), (TimelineKind)cursor[1].GetInt32(), cursor[2].GetGuid());
        var view = new ClaimView(db, time);
        var streams = new TimelineQueries(db, view, found.Id, from, to);

        var events = kinds.Contains(TimelineKind.Event) ? await streams.EventsAsync(after, limit + 1, ct) : [];
        var statements = kinds.Contains(TimelineKind.Statement) ? await streams.StatementsAsync(after, limit + 1, ct) : [];
        var retractions = kinds.Contains(TimelineKind.Retraction) ? await streams.RetractionsAsync(after, limit + 1, ct) : [];
        var keys = events.Select(e => e.Key).Concat(statements.Select(s => s.Key)).Concat(retractions.Select(r => r.Key))
            .Order().Take(limit + 1).ToList();
        var (onPage, next) = Order.Page(keys, limit);
        var page = onPage.ToHashSet();

        var items = await RenderAsync(view, page,
            events.Where(e => page.Contains(e.Key)).ToList(),
            statements.Where(s => page.Contains(s.Key)).Select(s => s.Row).ToList(),
            retractions.Where(r => page.Contains(r.Key)).ToList(), ct);
        var ordered = items.OrderBy(i => new TimelineKey(i.At, i.Kind, i.Id)).ToList();
        return TypedResults.Ok(new Page<TimelineItem>(ordered, next));
    }

    private static async Task<List<TimelineItem>> RenderAsync(
        ClaimView view, IReadOnlySet<TimelineKey> page, List<(TimelineKey Key, EventVersion Row)> events,
        List<StatementVersion> statements, List<(TimelineKey Key, Retraction Row)> retractions, CancellationToken ct)
    {
        // Retracted statements not on the page as statements themselves (none, often: no round trip then).
        var retractedIds = retractions.Select(r => r.Row.StatementId).Except(statements.Select(s => s.Id)).ToList();
        var retracted = retractedIds.Count == 0 ? []
            : await view.StatementsIncludingWithdrawn().Where(s => retractedIds.Contains(s.Id)).ToListAsync(ct);
        var rendered = (await view.RenderAsync([.. statements, .. retracted], ct)).ToDictionary(s => s.Id);
        var sources = await view.SourcesAsync(rendered.Values.Select(s => s.SourceId).Concat(events.SelectMany(e => e.Row.SourceIds)), ct);
        var items = new List<TimelineItem>(page.Count);
        items.AddRange(events.Select(e => new TimelineItem(TimelineKind.Event, e.Key.At, e.Row.Id, Event: EventResponse.From(e.Row).Named(sources))));
        items.AddRange(statements.Select(s => new TimelineItem(TimelineKind.Statement, s.StatedAt, s.Id,
            sources.GetValueOrDefault(s.SourceId), Statement: rendered[s.Id])));
        items.AddRange(retractions.Select(r =>
        {
            var statement = rendered[r.Row.StatementId];
            var retraction = RetractionItem.Of(r.Row, statement);
            return new TimelineItem(TimelineKind.Retraction, r.Key.At, r.Row.StatementId, sources.GetValueOrDefault(statement.SourceId), Retraction: retraction);
        }));
        return items;
    }

    public static RouteGroupBuilder MapTimelineEndpoints(this RouteGroupBuilder incidents)
    {
        incidents.MapGet("/{incident}/timeline", Handle).WithHistoryETag().WithTags("Incidents").WithName("GetIncidentTimeline")
            .WithSummary("Events, statements and retractions of an incident, oldest first; filters from, to, kinds; asOf and recordedAsOf apply");
        return incidents;
    }
}

/// <summary>The filters of a timeline: the period its items fall in and which kinds of item it shows.</summary>
public sealed record TimelineFilter(DateTimeOffset? From, DateTimeOffset? To, IReadOnlySet<TimelineKind> Kinds) : IQueryParameters<TimelineFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("kinds", "Comma-separated: event, statement, retraction (default all)."), .. QueryDocs.Period];

    public static TimelineFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var (from, to) = query.Period();
        return new(from, to, ReadKinds(query));
    }

    private static HashSet<TimelineKind> ReadKinds(QueryReader query)
    {
        var text = query.Text("kinds");
        if (text is null)
        {
            return [.. Enum.GetValues<TimelineKind>()];
        }
        var kinds = new HashSet<TimelineKind>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (EnumText.TryParse<TimelineKind>(part, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                query.Errors.Add("kinds", $"'{part}' is not a kind; use a comma-separated list of: event, statement, retraction.");
            }
        }
        return kinds;
    }
}
