using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// An incident that an import created covers its events: when later rows fall outside its dates or countries,
/// it gets a new version that widens them (never narrows). Incidents created by hand are left as they are.
/// </summary>
public static class IncidentWidening
{
    /// <summary>The tag that marks an incident created by an import.</summary>
    public const string Tag = "imported";

    public static async Task WidenAsync(UnrestDb db, WriteBatch batch, IReadOnlyCollection<Guid> incidentIds, CancellationToken ct)
    {
        foreach (var id in incidentIds)
        {
            var current = await db.IncidentVersions.AsNoTracking().Latest().SingleAsync(v => v.Id == id, ct);
            var events = db.Visible(new Infrastructure.Http.TimeTravel(null, batch.At, batch.At)).Where(e => e.IncidentId == id);
            var cover = await events.GroupBy(e => 1).Select(g => new
            {
                Start = g.Min(e => e.Date),
                End = g.Max(e => e.EndDate ?? e.Date),
                Countries = g.Select(e => e.Country).Distinct().ToList(),
            }).SingleOrDefaultAsync(ct);
            if (cover is null)
            {
                continue;
            }
            var start = cover.Start < current.StartDate ? cover.Start : current.StartDate;
            var end = current.EndDate is { } e && cover.End > e ? cover.End : current.EndDate;
            var countries = current.Countries.Union(cover.Countries.Order()).ToArray();
            if (start == current.StartDate && end == current.EndDate && countries.Length == current.Countries.Length)
            {
                continue;
            }
            var next = batch.NextVersion(current);
            (next.Slug, next.Title, next.Summary, next.Tags) = (current.Slug, current.Title, current.Summary, current.Tags);
            (next.StartDate, next.EndDate, next.Countries) = (start, end, countries);
            db.IncidentVersions.Add(next);
            batch.Record("incident", id, ChangeOps.Updated);
        }
    }
}
