using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>One write in the change feed: its commit-ordered seq, the entity (incident, source, event, statement) and its id, the operation and when it committed (UTC).</summary>
public sealed record ChangeResponse(long Seq, string Entity, Guid Id, string Op, DateTimeOffset At);

/// <summary>
/// Every write in commit order. Sequence numbers are taken under the global write lock and
/// the lock is held until commit (see <see cref="Writer"/>), so seq order is commit order and
/// a dashboard polling <c>after=</c> its last seq never skips a write.
/// </summary>
public static class ChangeFeed
{
    private const string List = "changes";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var after = After(query);
        var limit = query.Limit();
        var cursor = query.Cursor(List, CursorKey.Int64);
        var time = query.TimeTravel();
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var from = cursor?[0].GetInt64() ?? after;
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Seq > from && c.At <= time.RecordedAt)
            .OrderBy(c => c.Seq)
            .Take(limit + 1)
            .Select(c => new ChangeResponse(c.Seq, c.Entity, c.EntityId, c.Op, c.At))
            .ToListAsync(ct);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].Seq) : null;
        return TypedResults.Ok(new Page<ChangeResponse>(items, next));
    }

    private static long After(QueryReader query)
    {
        var text = query.Text("after", 20);
        if (text is null)
        {
            return 0;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            query.Errors.Add("after", "Must be a non-negative integer: the last seq you have seen (0 for the beginning).");
        }
        return after;
    }

    public static IEndpointRouteBuilder MapChangeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", Handle).WithTags("Changes").WithName("ListChanges")
            .WithSummary("Every write in commit order, oldest first; poll with after= the last seq you saw")
            .Produces<Page<ChangeResponse>>()
            .WithQuery([new("after", "The last seq you have seen (default 0: from the beginning).", Schema: () => QuerySchemas.Integer(0, byDefault: 0))], QueryDocs.Paging, [QueryDocs.TimeTravel[1]]);
        return app;
    }
}
