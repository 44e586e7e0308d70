using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;

namespace UnrestTracker.Api.Features.Sources;

/// <summary>Sources ordered by (name, id); filters compose with AND.</summary>
public static class ListSources
{
    private const string List = "sources";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var kind = query.Enum<SourceKind>("kind");
        var country = query.Country("country");
        var text = query.Text("q");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, CursorKey.Text, CursorKey.Id);
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
        if (after is not null)
        {
            var (name, id) = (after[0].GetString()!, after[1].GetGuid());
            sources = sources.Where(v => EF.Functions.GreaterThan(ValueTuple.Create(v.Name, v.Id), ValueTuple.Create(name, id)));
        }
        var rows = await sources.OrderBy(v => v.Name).ThenBy(v => v.Id).Take(limit + 1).ToListAsync(ct);
        var items = await db.NamedAsync(rows.Take(limit).Select(SourceResponse.From), time.RecordedAt, ct);
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].Name, items[^1].Id) : null;
        return TypedResults.Ok(new Page<SourceResponse>(items, next));
    }
}
