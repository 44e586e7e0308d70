using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>
/// <c>GET /events/{id}/links</c>: the event's links history, every link recorded to or from it by the moment asked, oldest
/// first, each with its end when it had one by then. Not paged: an event has few links.
/// </summary>
public static class ListLinks
{
    public static async Task<Results<Ok<Page<LinkHistoryResponse>>, ProblemResult>> Handle(string id, TimeTravel time, UnrestDb db, CancellationToken ct)
    {
        var found = await db.FindEventAsync(id, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("event", id);
        }
        var (eventId, at) = (found.Version.Id, time.RecordedAt);
        var rows = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT l.id, l.from_event, l.to_event, l.reason, l.recorded_by, l.recorded_at,
                   e.recorded_at AS ended_at, e.recorded_by AS ended_by, e.reason AS ended_reason
            FROM event_links l LEFT JOIN event_link_ends e ON e.link_id = l.id AND e.recorded_at <= {at}
            WHERE (l.from_event = {eventId} OR l.to_event = {eventId}) AND l.recorded_at <= {at}
            ORDER BY l.recorded_at, l.id
            """).ToListAsync(ct);
        var items = rows.Select(r => new LinkHistoryResponse(r.Id, r.FromEvent, r.ToEvent, EventLinks.SameAs, r.Reason, r.RecordedBy, r.RecordedAt,
            r.EndedAt is { } endedAt ? new LinkEndResponse(endedAt, r.EndedBy!, r.EndedReason!) : null)).ToList();
        return TypedResults.Ok(new Page<LinkHistoryResponse>(items, null));
    }

    private sealed class HistoryRow
    {
        public Guid Id { get; init; }
        public Guid FromEvent { get; init; }
        public Guid ToEvent { get; init; }
        public string Reason { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
        public string? EndedBy { get; init; }
        public string? EndedReason { get; init; }
    }
}
