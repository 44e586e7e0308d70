using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Infrastructure.Db;

public static class VersionPages
{
    /// <summary>
    /// One page of <c>GET …/{id}/versions</c>: every version of <paramref name="id"/> recorded by
    /// <paramref name="recordedAt"/>, oldest first, keyset paged by version number.
    /// </summary>
    public static async Task<Page<VersionEntry<TResponse>>> PageAsync<T, TResponse>(
        this IQueryable<T> versions, string list, Guid id, DateTimeOffset recordedAt, int limit, JsonElement[]? after,
        Func<T, TResponse> map, CancellationToken ct)
        where T : VersionRow
    {
        var afterVersion = after?[0].GetInt32() ?? 0;
        var rows = await versions.AsNoTracking()
            .Where(v => v.Id == id && v.RecordedAt <= recordedAt && v.Version > afterVersion)
            .OrderBy(v => v.Version).Take(limit + 1).ToListAsync(ct);
        var items = rows.Take(limit).Select(v => new VersionEntry<TResponse>(v.Version, v.RecordedAt, v.RecordedBy, map(v))).ToList();
        var next = rows.Count > limit ? Cursor.Encode(list, items[^1].Version) : null;
        return new Page<VersionEntry<TResponse>>(items, next);
    }
}
