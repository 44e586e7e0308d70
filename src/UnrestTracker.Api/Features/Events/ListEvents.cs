using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events.Links;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Events ordered by (date, id); filters compose with AND; CSV and GeoJSON stream the whole filtered set.</summary>
public static class ListEvents
{
    private static readonly Keyset<EventVersion> Order = new("events", v => v.Date, v => v.Id);

    public static async Task<Results<Ok<Page<EventResponse>>, ExportStream, ProblemResult>> Handle(EventFilter filter, TimeTravel time, [PagedBy(nameof(Order), ExportFormat.Csv, ExportFormat.GeoJson)] ListRequest list,
        HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var (format, limit, after) = list;
        var events = await filter.ApplyAsync(db, time, ct);
        if (events is null)
        {
            return Problems.NotFound("incident", filter.Incident!);
        }
        if (format != ExportFormat.Json)
        {
            if (ExportAdmission.Admit(http, db) is { } refused)
            {
                return refused;
            }
            var clusters = EventLinks.Clusters(await EventLinks.StandingAsync(db, time.RecordedAt, ct));
            return ExportEvents.Stream(events, await db.SourceBriefsAsync(null, time.RecordedAt, ct), clusters, format, time.AnsweredAt);
        }
        var rows = await Order.Sort(Order.After(events, after)).Select(EventResponse.Projection).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit, e => [e.Date, e.Id]);
        return TypedResults.Ok(page with { Items = await db.NamedAsync(page.Items, time.RecordedAt, ct) });
    }
}
