using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Events.Links;

/// <summary>A row of <c>event_links</c> (migration EventLinks): two events recorded as one happening.</summary>
public class LinkRow
{
    public Guid Id { get; init; }
    public Guid FromEvent { get; init; }
    public Guid ToEvent { get; init; }
    public string Reason { get; init; } = "";
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }

    public Guid Other(Guid eventId) => FromEvent == eventId ? ToEvent : FromEvent;
}

/// <summary>Links standing at a moment (recorded by then, not ended by then) and the clusters they make.</summary>
public static class EventLinks
{
    public const string SameAs = "same_as";

    /// <summary>The standing links of the clusters of <paramref name="events"/> at <paramref name="recordedAt"/>.</summary>
    public static Task<List<LinkRow>> OfClustersAsync(UnrestDb db, Guid[] events, DateTimeOffset recordedAt, CancellationToken ct) =>
        db.Database.SqlQuery<LinkRow>($"SELECT * FROM event_cluster_links({events}, {recordedAt})").ToListAsync(ct);

    /// <summary>Every standing link at <paramref name="recordedAt"/>.</summary>
    public static Task<List<LinkRow>> StandingAsync(UnrestDb db, DateTimeOffset recordedAt, CancellationToken ct) =>
        db.Database.SqlQuery<LinkRow>($"SELECT * FROM event_links_at({recordedAt})").ToListAsync(ct);

    /// <summary>Each linked event's cluster (itself included, ids in order); an event in no link is absent.</summary>
    public static Dictionary<Guid, Guid[]> Clusters(IEnumerable<LinkRow> links)
    {
        var parent = new Dictionary<Guid, Guid>();
        Guid Root(Guid e)
        {
            while (parent.TryGetValue(e, out var p) && p != e)
            {
                e = parent[e] = parent.GetValueOrDefault(p, p);
            }
            return e;
        }
        foreach (var link in links)
        {
            parent.TryAdd(link.FromEvent, link.FromEvent);
            parent.TryAdd(link.ToEvent, link.ToEvent);
            parent[Root(link.FromEvent)] = Root(link.ToEvent);
        }
        return parent.Keys.GroupBy(Root).SelectMany(g =>
        {
            var members = g.Order().ToArray();
            return members.Select(m => KeyValuePair.Create(m, members));
        }).ToDictionary();
    }

    /// <summary>
    /// The other events of <paramref name="eventId"/>'s cluster, nearest first, each with the link that reaches it: of the
    /// links from a nearer event on a shortest path, the first by time (then id).
    /// </summary>
    public static List<(Guid Event, LinkRow Link)> Reach(Guid eventId, IReadOnlyList<LinkRow> links)
    {
        var reached = new Dictionary<Guid, LinkRow?> { [eventId] = null };
        var order = new List<(Guid, LinkRow)>();
        var frontier = new List<Guid> { eventId };
        while (frontier.Count > 0)
        {
            var next = new List<Guid>();
            var near = frontier.ToHashSet();
            foreach (var link in links.Where(l => near.Contains(l.FromEvent) || near.Contains(l.ToEvent))
                         .OrderBy(l => l.RecordedAt).ThenBy(l => l.Id))
            {
                var other = near.Contains(link.FromEvent) ? link.ToEvent : link.FromEvent;
                if (reached.TryAdd(other, link))
                {
                    order.Add((other, link));
                    next.Add(other);
                }
            }
            frontier = next;
        }
        return order;
    }
}
