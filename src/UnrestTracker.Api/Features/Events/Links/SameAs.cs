using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>The other events of an event's cluster at the moment asked, and whether the event was ever in a link at all.</summary>
public sealed record SameAsAnswer(List<SameAsEvent> Events, bool EverLinked);

/// <summary>The <c>sameAs</c> of an event: the other events of its cluster, as recorded at the moment asked.</summary>
public static class SameAs
{
    public static async Task<SameAsAnswer> OfAsync(UnrestDb db, Guid eventId, DateTimeOffset recordedAt, CancellationToken ct)
    {
        // One query: the standing links of the cluster, and any one link the event ever had (standing or not, then or later),
        // which says whether sameAs can move under the event's ETag.
        var rows = await db.Database.SqlQuery<ClusterLinkRow>($"""
            SELECT c.*, true AS standing FROM event_cluster_links({new[] { eventId }}, {recordedAt}) c
            UNION ALL
            (SELECT l.id, l.from_event, l.to_event, l.reason, l.recorded_by, l.recorded_at, false FROM event_links l
             WHERE l.from_event = {eventId} OR l.to_event = {eventId} LIMIT 1)
            """).ToListAsync(ct);
        var reach = EventLinks.Reach(eventId, rows.Where(r => r.Standing).ToList<LinkRow>());
        if (reach.Count == 0)
        {
            return new SameAsAnswer([], rows.Count > 0);
        }
        var ids = reach.Select(r => r.Event).ToList();
        var events = await db.EventVersions.AsNoTracking().AsRecordedAt(recordedAt).Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.IncidentId, v.Title, v.Date, v.ExternalRefs }).ToDictionaryAsync(v => v.Id, ct);
        return new SameAsAnswer(reach.Where(r => events.ContainsKey(r.Event)).Select(r =>
        {
            var e = events[r.Event];
            return new SameAsEvent(e.Id, e.IncidentId, e.Title, e.Date, e.ExternalRefs,
                new SameAsLink(r.Link.Id, r.Link.Reason, r.Link.RecordedBy, r.Link.RecordedAt));
        }).ToList(), true);
    }

    private sealed class ClusterLinkRow : LinkRow
    {
        public bool Standing { get; init; }
    }
}
