using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>One source's current event-level figures of a series row, summed over the incident's visible events.</summary>
public sealed record EventSum(SourceBrief? Source, int Events, decimal? Value, decimal? Low, decimal? High);

/// <summary>
/// The event-level side of an incident's series (API.md "Event-level series"): per (metric, subject, unit)
/// and source, the source's current event-level figures, whatever their scope, over the incident's events
/// visible at the moment asked (recorded by recordedAsOf, not tombstoned by then, dated by asOf).
/// "Current" is <see cref="ClaimView.WithStatus"/>'s definition. One grouped query that reads each visible event's figures
/// through the partial (event_id, stated_at, id) index, so its cost follows the incident's event-level figures, not the table.
/// </summary>
public static class EventSums
{
    /// <param name="Valued">How many of the figures give a value: a range may give only low and high.</param>
    public sealed record Group(Metric Metric, string? Subject, string Unit, Guid SourceId, int Events, int Valued, decimal? Value, decimal? Low, decimal? High)
    {
        /// <summary>The row it belongs to: the incident-wide series of the same metric, subject and unit without scope.</summary>
        public string RowKey(Guid incidentId) => SeriesOrder.SortKey(FigureVersion.SeriesKeyOf(incidentId, null, Metric, Subject, null, null, null, Unit));
    }

    /// <param name="figures">The incident's figures visible at the view's moment, already narrowed by the row filters.</param>
    public static Task<List<Group>> GroupsAsync(UnrestDb db, ClaimView view, IQueryable<FigureVersion> figures, Guid incidentId, CancellationToken ct)
    {
        var events = db.Visible(view.Time).Where(e => e.IncidentId == incidentId);
        // side_a and side_b name different parties in different events (UCDP's dyads): their counts do not add up.
        var summed = figures.Where(f => f.EventId != null && f.Subject != "side_a" && f.Subject != "side_b" && events.Any(e => e.Id == f.EventId));
        return ClaimView.WithStatusFilter(view.WithStatus(summed), FigureStatus.Current)
            .Select(r => new { r.Figure.Metric, r.Figure.Subject, r.Figure.Unit, r.Figure.SourceId, r.Figure.Value, r.Figure.Low, r.Figure.High })
            .GroupBy(f => new { f.Metric, f.Subject, f.Unit, f.SourceId })
            .Select(g => new Group(g.Key.Metric, g.Key.Subject, g.Key.Unit, g.Key.SourceId, g.Count(), g.Count(f => f.Value != null),
                g.Sum(f => f.Value), g.Sum(f => f.Low ?? f.Value), g.Sum(f => f.High ?? f.Value)))
            .TagWith("incident event sums")
            .ToListAsync(ct);
    }

    /// <summary>
    /// A row's sums, one per source, ordered by source name (then id, so that two sources of one name keep their order).
    /// The value sums the figures that give one, and is null when none does (SQL's SUM would say 0).
    /// </summary>
    public static List<EventSum> Of(IEnumerable<Group> groups, IReadOnlyDictionary<Guid, SourceBrief> sources) => groups
        .Select(g => new EventSum(sources.GetValueOrDefault(g.SourceId), g.Events, g.Valued == 0 ? null : g.Value, g.Low, g.High))
        .OrderBy(s => s.Source?.Name, StringComparer.Ordinal).ThenBy(s => s.Source?.Id)
        .ToList();
}
