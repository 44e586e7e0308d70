using Microsoft.AspNetCore.Http.Features;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Every GET also answers HEAD with the same status and headers and no body (docs/api.md, "Conventions";
/// RFC 9110 §9.3.2). A HEAD request is routed and handled as the GET it mirrors, with the response body
/// thrown away; streamed exports ask <see cref="IsHead"/> and stop once their headers are set.
/// </summary>
public static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>Adds the rewrite and then routing, which must see the request as a GET to find the endpoint.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }
            http.Items[Marker] = true;
            http.Request.Method = HttpMethods.Get;
            var body = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            try
            {
                await next(http);
            }
            finally
            {
                http.Features.Set(body);
                http.Request.Method = HttpMethods.Head;
            }
        });
        app.UseRouting();
        return app;
    }

    /// <summary>True when the client asked with HEAD: the headers are wanted, the body is not.</summary>
    public static bool IsHead(this HttpContext http) => http.Items.ContainsKey(Marker);
}
