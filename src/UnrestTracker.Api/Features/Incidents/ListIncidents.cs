using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Incidents;

/// <summary>Incidents ordered by (startDate, id); filters compose with AND.</summary>
public static class ListIncidents
{
    private static readonly Keyset<IncidentVersion> Order = new("incidents", v => v.StartDate, v => v.Id);

    public static async Task<Ok<Page<IncidentResponse>>> Handle(IncidentFilter filter, Recorded recorded, [PagedBy(nameof(Order))] PageRequest page,
        HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var incidents = filter.Apply(db.IncidentVersions.AsNoTracking().AsRecordedAt(recorded.At));
        var rows = await Order.Sort(Order.After(incidents, page.After)).Take(page.Limit + 1).ToListAsync(ct);
        var found = Order.Page(rows, page.Limit);
        return TypedResults.Ok(new Page<IncidentResponse>(found.Items.Select(IncidentResponse.For(http)).ToList(), found.NextCursor));
    }
}

/// <summary>The filters of the incident list; from and to keep the incidents whose dates overlap them.</summary>
public sealed record IncidentFilter(string? Country, DateTimeOffset? From, DateTimeOffset? To, string? Text) : IQueryParameters<IncidentFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("country", "ISO 3166-1 alpha-2 code, e.g. KZ."), QueryDocs.Search("title and summary"), .. QueryDocs.Period];

    public static IncidentFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var country = query.Country("country");
        var (from, to) = query.Period();
        return new(country, from, to, query.Text("q"));
    }

    public IQueryable<IncidentVersion> Apply(IQueryable<IncidentVersion> incidents)
    {
        if (Country is not null)
        {
            incidents = incidents.Where(v => v.Countries.Contains(Country));
        }
        if (From is { } from)
        {
            var fromDate = DateOnly.FromDateTime(from.UtcDateTime);
            incidents = incidents.Where(v => v.EndDate == null || v.EndDate >= fromDate);
        }
        if (To is { } to)
        {
            var toDate = DateOnly.FromDateTime(to.UtcDateTime);
            incidents = incidents.Where(v => v.StartDate <= toDate);
        }
        if (Text is not null)
        {
            incidents = incidents.Where(v => v.SearchVector.Matches(TextSearch.Query(Text)));
        }
        return incidents;
    }
}
