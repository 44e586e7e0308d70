using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Adds <c>Link: &lt;…&gt;; rel="snapshot"</c> to every successful read: the same request pinned with
/// <c>recordedAsOf</c> (the one asked when it is a snapshot, otherwise W, the newest write the answer saw), so an
/// answer can be cited and reproduced; with it the cache rules of <see cref="HistoryAnswer"/> and Memento's headers.
/// </summary>
public static class SnapshotLink
{
    /// <summary>A week: a snapshot does not change, yet is revalidated now and then by its ETag.</summary>
    public const string SnapshotCaching = "public, max-age=604800";

    public static IApplicationBuilder UseSnapshotLinks(this IApplicationBuilder app)
    {
        // Resolved now, so that a malformed Http:PublicBaseUrl stops the start rather than the first read.
        var publicBase = app.ApplicationServices.GetRequiredService<PublicBaseUrl>();
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ApiPath.V1))
            {
                var read = Applies(http.Request);
                if (read)
                {
                    RequestClock.Of(http); // the moment the request started, unless it is pinned to a newest write
                }
                http.Response.OnStarting(() =>
                {
                    if (http.IsLive())
                    {
                        LiveAnswers.NoStore(http);
                    }
                    else if (read)
                    {
                        http.Response.Headers.Vary = HistoryETags.NegotiatesFormat(http) ? "Accept, Accept-Datetime" : AcceptDatetime.Header;
                        if (http.Response.StatusCode is >= 200 and < 300 or 304)
                        {
                            WriteHeaders(http, publicBase);
                        }
                    }
                    return Task.CompletedTask;
                });
                if (read && AcceptDatetime.Apply(http) is { } refused)
                {
                    await refused.ExecuteAsync(http);
                    return;
                }
            }
            await next(http);
        });
    }

    /// <summary>The reads that carry the link (live answers aside), and so take <c>recordedAsOf</c> (the link adds it) whatever else they document.</summary>
    public static bool Applies(HttpRequest request) => HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(ApiPath.V1);

    /// <summary>
    /// The snapshot link of this read, absolute when a base is vouched for (for <paramref name="linkFor"/>: the request
    /// that will hand the link out, when that is not this one, as with <c>/cite</c>).
    /// </summary>
    public static string Of(HttpContext http, PublicBaseUrl publicBase, HttpContext? linkFor = null)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        var answer = HistoryAnswer.Of(http);
        if (answer is null ? !query.ContainsKey("recordedAsOf") : !answer.IsSnapshot)
        {
            query["recordedAsOf"] = UtcDateTimeOffsetConverter.Format(RequestClock.Of(http));
        }
        return publicBase.Link(linkFor ?? http, http.Request.Path, QueryStrings.Of(query));
    }

    private static void WriteHeaders(HttpContext http, PublicBaseUrl publicBase)
    {
        var headers = http.Response.Headers;
        var snapshot = Of(http, publicBase);
        headers.Append("Link", $"<{snapshot}>; rel=\"snapshot\"");
        if (HistoryAnswer.Of(http) is not { } answer)
        {
            return;
        }
        headers.CacheControl = answer.IsSnapshot ? SnapshotCaching : "no-cache";
        var negotiated = AcceptDatetime.Negotiated(http);
        if (!answer.IsSnapshot && !negotiated)
        {
            return;
        }
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        query.Remove("recordedAsOf");
        var original = publicBase.Link(http, http.Request.Path, QueryStrings.Of(query));
        var moment = AcceptDatetime.Format(answer.IsSnapshot ? answer.Asked!.Value : RequestClock.Of(http));
        headers[AcceptDatetime.MementoDatetime] = moment;
        headers.Append("Link", $"<{original}>; rel=\"original\", <{original}>; rel=\"timegate\", <{snapshot}>; rel=\"memento\"; datetime=\"{moment}\"");
        if (negotiated)
        {
            headers.ContentLocation = snapshot;
        }
    }
}

public static class QueryStrings
{
    public static QueryString Of(Dictionary<string, StringValues> query) =>
        new QueryBuilder(query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? "")))).ToQueryString();
}
