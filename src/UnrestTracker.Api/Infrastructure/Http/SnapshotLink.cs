using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Adds <c>Link: &lt;…&gt;; rel="snapshot"</c> to every successful read: the same request pinned
/// with <c>recordedAsOf</c> set to the moment it was answered, so an answer can be cited and reproduced.
/// </summary>
public static class SnapshotLink
{
    public static IApplicationBuilder UseSnapshotLinks(this IApplicationBuilder app)
    {
        // Resolved now, so that a malformed Http:PublicBaseUrl stops the start rather than the first read.
        var publicBase = app.ApplicationServices.GetRequiredService<PublicBaseUrl>();
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api/v1"))
            {
                var read = Applies(http.Request);
                if (read)
                {
                    RequestClock.Of(http); // the moment the request started, unless read routing pins it to a newest write
                }
                http.Response.OnStarting(() =>
                {
                    if (http.IsLive())
                    {
                        LiveAnswers.NoStore(http);
                    }
                    else if (read && http.Response.StatusCode is >= 200 and < 300 or 304)
                    {
                        // Read again: a replica's answer is pinned to its newest write after this point.
                        http.Response.Headers.Append("Link", $"<{Pinned(http, publicBase, RequestClock.Of(http))}>; rel=\"snapshot\"");
                    }
                    return Task.CompletedTask;
                });
            }
            await next(http);
        });
    }

    /// <summary>The reads that carry the link (live answers aside), and so take <c>recordedAsOf</c> (the link adds it) whatever else they document.</summary>
    public static bool Applies(HttpRequest request) => HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/api/v1");

    private static string Pinned(HttpContext http, PublicBaseUrl publicBase, DateTimeOffset answeredAt)
    {
        var request = http.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        if (!query.ContainsKey("recordedAsOf"))
        {
            query["recordedAsOf"] = UtcDateTimeOffsetConverter.Format(answeredAt);
        }
        var builder = new QueryBuilder(query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
        return publicBase.Link(http, request.Path, builder.ToQueryString());
    }
}
