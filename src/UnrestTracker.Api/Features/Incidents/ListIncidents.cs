using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Incidents;

/// <summary>Incidents ordered by (startDate, id); filters compose with AND.</summary>
public static class ListIncidents
{
    private static readonly Keyset<IncidentVersion> Order = new("incidents", v => v.StartDate, v => v.Id);

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var country = query.Country("country");
        var (from, to) = query.Period();
        var text = query.Text("q");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(Order.List, Order.Types);
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
        var rows = await Order.Sort(Order.After(incidents, after)).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit);
        return TypedResults.Ok(new Page<IncidentResponse>(page.Items.Select(IncidentResponse.For(http)).ToList(), page.NextCursor));
    }
}
