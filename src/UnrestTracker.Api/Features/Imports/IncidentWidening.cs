using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// An incident that an import created covers its events: when a batch places events outside its dates or countries
/// (new events, or ones an earlier, interrupted run already wrote), it gets a new version that widens them (never
/// narrows), in the batch's own transaction. Incidents created by hand are left as they are.
/// </summary>
public static class IncidentWidening
{
    /// <summary>The tag that marks an incident created by an import.</summary>
    public const string Tag = "imported";

    /// <summary>
    /// Widens the imported incidents to the batch's events as they now stand (<paramref name="placed"/>); incidents whose version 1
    /// this batch adds (<paramref name="created"/>) are widened in place rather than by a second version.
    /// </summary>
    public static async Task WidenAsync(UnrestDb db, WriteBatch batch, IReadOnlyDictionary<Guid, IncidentVersion> created,
        IReadOnlyList<EventVersion> placed, CancellationToken ct)
    {
        var byIncident = placed.GroupBy(e => e.IncidentId).ToList();
        var ids = byIncident.Select(g => g.Key).Where(id => !created.ContainsKey(id)).ToList();
        var stored = await db.IncidentVersions.AsNoTracking().Latest().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        foreach (var events in byIncident)
        {
            var current = created.GetValueOrDefault(events.Key) ?? stored[events.Key];
            if (!current.Tags.Contains(Tag))
            {
                continue;
            }
            var first = events.Min(e => e.Date);
            var last = events.Max(e => e.EndDate ?? e.Date);
            var start = first < current.StartDate ? first : current.StartDate;
            var end = current.EndDate is { } e && last > e ? last : current.EndDate;
            var countries = current.Countries.Union(events.Select(e => e.Country).Distinct().Order()).ToArray();
            if (start == current.StartDate && end == current.EndDate && countries.Length == current.Countries.Length)
            {
                continue;
            }
            var next = created.ContainsKey(current.Id) ? current : batch.NextVersion(current);
            if (next != current)
            {
                (next.Slug, next.Title, next.Summary, next.Tags) = (current.Slug, current.Title, current.Summary, current.Tags);
                db.IncidentVersions.Add(next);
                batch.Record(ChangeEntities.Incident, next.Id, ChangeOps.Updated);
            }
            (next.StartDate, next.EndDate, next.Countries) = (start, end, countries);
        }
    }
}
