using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Incidents;

/// <summary>Incidents ordered by (startDate, id); filters compose with AND.</summary>
public static class ListIncidents
{
    private const string List = "incidents";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var country = query.Country("country");
        var (from, to) = query.Period();
        var text = query.Text("q");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, CursorKey.Date, CursorKey.Id);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }

        var incidents = db.IncidentVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
        if (country is not null)
        {
            incidents = incidents.Where(v => v.Countries.Contains(country));
        }
        if (from is { } f)
        {
            var fromDate = DateOnly.FromDateTime(f.UtcDateTime);
            incidents = incidents.Where(v => v.EndDate == null || v.EndDate >= fromDate);
        }
        if (to is { } t)
        {
            var toDate = DateOnly.FromDateTime(t.UtcDateTime);
            incidents = incidents.Where(v => v.StartDate <= toDate);
        }
        if (text is not null)
        {
            incidents = incidents.Where(v => v.SearchVector.Matches(TextSearch.Query(text)));
        }
        if (after is not null)
        {
            var (date, id) = (DateOnly.Parse(after[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), after[1].GetGuid());
            incidents = incidents.Where(v => EF.Functions.GreaterThan(ValueTuple.Create(v.StartDate, v.Id), ValueTuple.Create(date, id)));
        }
        var rows = await incidents.OrderBy(v => v.StartDate).ThenBy(v => v.Id).Take(limit + 1).ToListAsync(ct);
        var items = rows.Take(limit).Select(IncidentResponse.From).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), items[^1].Id) : null;
        return TypedResults.Ok(new Page<IncidentResponse>(items, next));
    }
}
