using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>The <c>sameAs</c> of an event: the other events of its cluster, as recorded at the moment asked.</summary>
public static class SameAs
{
    public static async Task<List<SameAsEvent>> OfAsync(UnrestDb db, Guid eventId, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var reach = EventLinks.Reach(eventId, await EventLinks.OfClustersAsync(db, [eventId], recordedAt, ct));
        if (reach.Count == 0)
        {
            return [];
        }
        var ids = reach.Select(r => r.Event).ToList();
        var events = await db.EventVersions.AsNoTracking().AsRecordedAt(recordedAt).Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.IncidentId, v.Title, v.Date, v.ExternalRefs }).ToDictionaryAsync(v => v.Id, ct);
        return reach.Where(r => events.ContainsKey(r.Event)).Select(r =>
        {
            var e = events[r.Event];
            return new SameAsEvent(e.Id, e.IncidentId, e.Title, e.Date, e.ExternalRefs,
                new SameAsLink(r.Link.Id, r.Link.Reason, r.Link.RecordedBy, r.Link.RecordedAt));
        }).ToList();
    }
}
