using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Events;

/// <summary>Events ordered by (date, id); filters compose with AND; CSV and GeoJSON stream the whole filtered set.</summary>
public static class ListEvents
{
    private const string List = "events";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var filter = EventFilter.Read(query);
        var time = query.TimeTravel();
        var (format, limit, after) = query.ListOrExport(http.Request, List, [CursorKey.Date, CursorKey.Id], ExportFormat.Csv, ExportFormat.GeoJson);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
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
            return ExportEvents.Stream(events, await db.SourceBriefsAsync(null, time.RecordedAt, ct), format, time.AnsweredAt);
        }
        if (after is not null)
        {
            var (date, id) = (DateOnly.Parse(after[0].GetString()!, CultureInfo.InvariantCulture), after[1].GetGuid());
            events = events.Where(v => EF.Functions.GreaterThan(ValueTuple.Create(v.Date, v.Id), ValueTuple.Create(date, id)));
        }
        var rows = await events.OrderBy(v => v.Date).ThenBy(v => v.Id).Select(EventResponse.Projection).Take(limit + 1).ToListAsync(ct);
        var items = await db.NamedAsync(rows.Take(limit).ToList(), time.RecordedAt, ct);
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), items[^1].Id) : null;
        return TypedResults.Ok(new Page<EventResponse>(items, next));
    }
}
