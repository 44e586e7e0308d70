using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>Answers of the present remembered per write under their request's URL: a dashboard polling between writes pays for the JSON.</summary>
public static class RememberedAnswers
{
    private sealed record UrlKey(string? Path, string? Query, HistoryPrefix Prefix);

    /// <summary>
    /// What <paramref name="compute"/> answers for this request's URL: "now" once per history prefix, in the snapshot the request
    /// already reads (<see cref="HistoryAnswer.PrefixOf"/>), remembered by <see cref="HistoryMemo"/>; another moment for this request alone.
    /// <paramref name="items"/> counts the answer's items, for the memo's bound.
    /// </summary>
    public static Task<T> RememberedAsync<T>(this HistoryMemo memo, HttpContext http, UnrestDb db, TimeTravel time,
        Func<CancellationToken, Task<T>> compute, Func<T, int> items, CancellationToken ct) where T : class =>
        memo.GetOrComputeAsync(db, time, prefix => new UrlKey(http.Request.Path.Value, http.Request.QueryString.Value, prefix), async ct =>
        {
            var value = await compute(ct);
            return (value, items(value));
        }, ct, HistoryAnswer.PrefixOf(http, db, time));
}
