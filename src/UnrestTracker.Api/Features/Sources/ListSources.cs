using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Sources ordered by (name, id); filters compose with AND.</summary>
public static class ListSources
{
    private static readonly Keyset<SourceVersion> Order = new("sources", v => v.Name, v => v.Id);

    public static async Task<Ok<Page<SourceResponse>>> Handle(SourceFilter filter, Recorded recorded, [PagedBy(nameof(Order))] PageRequest page, UnrestDb db, CancellationToken ct)
    {
        var sources = filter.Apply(db.SourceVersions.AsNoTracking().AsRecordedAt(recorded.At));
        var rows = await Order.Sort(Order.After(sources, page.After)).Take(page.Limit + 1).ToListAsync(ct);
        var found = Order.Page(rows, page.Limit);
        var items = await db.NamedAsync(found.Items.Select(SourceResponse.From), recorded.At, ct);
        return TypedResults.Ok(new Page<SourceResponse>(items, found.NextCursor));
    }
}

/// <summary>The filters of the source list.</summary>
public sealed record SourceFilter(SourceKind? Kind, string? Country, string? Text) : IQueryParameters<SourceFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [QueryDocs.Enum<SourceKind>("kind", "Who speaks."), new("country", "ISO 3166-1 alpha-2 code."), QueryDocs.Search("the name")];

    public static SourceFilter Read(QueryReader query, ParameterInfo parameter) =>
        new(query.Enum<SourceKind>("kind"), query.Country("country"), query.Text("q"));

    public IQueryable<SourceVersion> Apply(IQueryable<SourceVersion> sources)
    {
        if (Kind is { } kind)
        {
            sources = sources.Where(v => v.Kind == kind);
        }
        if (Country is not null)
        {
            sources = sources.Where(v => v.Country == Country);
        }
        if (Text is not null)
        {
            sources = sources.Where(v => v.SearchVector.Matches(TextSearch.Query(Text)));
        }
        return sources;
    }
}
