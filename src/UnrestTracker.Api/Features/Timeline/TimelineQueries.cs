using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Timeline;

/// <summary>
/// The three streams of a timeline, each read in (at, id) order after the cursor, at most <c>take</c> rows.
/// Merging three sorted pages of limit+1 gives the merged page exactly, with no stream read past it.
/// </summary>
internal sealed class TimelineQueries(UnrestDb db, ClaimView view, Guid incidentId, DateTimeOffset? from, DateTimeOffset? to)
{
    public async Task<List<(TimelineKey Key, EventVersion Row)>> EventsAsync(TimelineKey? after, int take, CancellationToken ct)
    {
        var events = db.Visible(view.Time).Where(e => e.IncidentId == incidentId);
        if (from is { } f)
        {
            var firstDay = Timestamps.FirstDayFrom(f);
            events = events.Where(e => e.Date >= firstDay);
        }
        if (to is { } t)
        {
            var lastDay = Timestamps.DayOf(t);
            events = events.Where(e => e.Date <= lastDay);
        }
        if (after is { } a)
        {
            // An event's moment is its day at 00:00Z and events sort first at a moment, so after a
            // statement or retraction only later days follow; after an event, the rest of its day too.
            var day = Timestamps.DayOf(a.At);
            events = a.Kind == TimelineKind.Event
                ? events.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.Date, e.Id), ValueTuple.Create(day, a.Id)))
                : events.Where(e => e.Date > day);
        }
        var rows = await events.OrderBy(e => e.Date).ThenBy(e => e.Id).Take(take).ToListAsync(ct);
        return rows.Select(e => (new TimelineKey(Timestamps.StartOf(e.Date), TimelineKind.Event, e.Id), e)).ToList();
    }

    public async Task<List<(TimelineKey Key, StatementVersion Row)>> StatementsAsync(TimelineKey? after, int take, CancellationToken ct)
    {
        var statements = view.Statements().Where(s => s.IncidentId == incidentId);
        if (from is { } f)
        {
            statements = statements.Where(s => s.StatedAt >= f);
        }
        if (to is { } t)
        {
            statements = statements.Where(s => s.StatedAt <= t);
        }
        if (after is { } a)
        {
            statements = a.Kind switch
            {
                TimelineKind.Event => statements.Where(s => s.StatedAt >= a.At),
                TimelineKind.Statement => statements.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.StatedAt, s.Id), ValueTuple.Create(a.At, a.Id))),
                _ => statements.Where(s => s.StatedAt > a.At),
            };
        }
        var rows = await statements.OrderBy(s => s.StatedAt).ThenBy(s => s.Id).Take(take).ToListAsync(ct);
        return rows.Select(s => (new TimelineKey(s.StatedAt, TimelineKind.Statement, s.Id), s)).ToList();
    }

    public async Task<List<(TimelineKey Key, Retraction Row)>> RetractionsAsync(TimelineKey? after, int take, CancellationToken ct)
    {
        var statements = view.Statements().Where(s => s.IncidentId == incidentId);
        var retractions = view.Retractions().Where(r => statements.Any(s => s.Id == r.StatementId));
        if (from is { } f)
        {
            retractions = retractions.Where(r => r.RetractedAt >= f);
        }
        if (to is { } t)
        {
            retractions = retractions.Where(r => r.RetractedAt <= t);
        }
        if (after is { } a)
        {
            retractions = a.Kind == TimelineKind.Retraction
                ? retractions.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.RetractedAt, r.StatementId), ValueTuple.Create(a.At, a.Id)))
                : retractions.Where(r => r.RetractedAt >= a.At);
        }
        var rows = await retractions.OrderBy(r => r.RetractedAt).ThenBy(r => r.StatementId).Take(take).ToListAsync(ct);
        return rows.Select(r => (new TimelineKey(r.RetractedAt, TimelineKind.Retraction, r.StatementId), r)).ToList();
    }
}
