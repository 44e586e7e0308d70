using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Infrastructure.Db;

public static class VersionPages
{
    /// <summary>The order of a <c>GET …/{id}/versions</c> list: by version number, oldest first.</summary>
    public static Keyset<T> Order<T>(string list) where T : VersionRow => new(list, v => v.Version);

    /// <summary>
    /// One page of <c>GET …/{id}/versions</c>: every version of <paramref name="id"/> recorded by
    /// <paramref name="recordedAt"/>, in <paramref name="order"/>, each rendered by <paramref name="render"/>
    /// (given the page's versions at once, it answers their contents in the same order).
    /// </summary>
    public static async Task<Page<VersionEntry<TResponse>>> PageAsync<T, TResponse>(
        this IQueryable<T> versions, Keyset<T> order, Guid id, DateTimeOffset recordedAt, int limit, JsonElement[]? after,
        Func<IReadOnlyList<T>, Task<List<TResponse>>> render, CancellationToken ct)
        where T : VersionRow
    {
        var rows = await order.Sort(order.After(versions.AsNoTracking().Where(v => v.Id == id && v.RecordedAt <= recordedAt), after))
            .Take(limit + 1).ToListAsync(ct);
        var page = order.Page(rows, limit);
        var contents = await render(page.Items);
        var items = page.Items.Zip(contents, (v, content) => new VersionEntry<TResponse>(v.Version, v.RecordedAt, v.RecordedBy, content));
        return new Page<VersionEntry<TResponse>>(items.ToList(), page.NextCursor);
    }
}
