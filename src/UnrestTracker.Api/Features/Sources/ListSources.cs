using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Sources ordered by (name, id); filters compose with AND.</summary>
public static class ListSources
{
    private static readonly Keyset<SourceVersion> Order = new("sources", v => v.Name, v => v.Id);

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var kind = query.Enum<SourceKind>("kind");
        var country = query.Country("country");
        var text = query.Text("q");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(Order.List, Order.Types);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }

        var sources = db.SourceVersions.AsNoTracking().AsRecordedAt(time.RecordedAt);
        if (kind is { } k)
        {
            sources = sources.Where(v => v.Kind == k);
        }
        if (country is not null)
        {
            sources = sources.Where(v => v.Country == country);
        }
        if (text is not null)
        {
            sources = sources.Where(v => v.SearchVector.Matches(TextSearch.Query(text)));
        }
        var rows = await Order.Sort(Order.After(sources, after)).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit);
        var items = await db.NamedAsync(page.Items.Select(SourceResponse.From), time.RecordedAt, ct);
        return TypedResults.Ok(new Page<SourceResponse>(items, page.NextCursor));
    }
}
