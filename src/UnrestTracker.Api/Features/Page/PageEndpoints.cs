using Microsoft.Net.Http.Headers;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Page;

/// <summary>
/// The root: the read-only page for a browser that asks for HTML, a JSON index of links for anyone else
/// (docs/api.md, "Conventions"); <c>/api/v1</c> is an index too and <c>/api</c> points at it.
/// </summary>
public static class PageEndpoints
{
    /// <summary>The page's bundled scripts and styles (wwwroot, built from Page/ by <c>npm run build</c>).</summary>
    public static WebApplication UsePageAssets(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapPageEndpoints(this WebApplication app)
    {
        // HEAD is answered for every GET (Infrastructure/Http/HeadRequests).
        // The page keeps its view in the URL with the API's own names (Page/src/main.js).
        app.MapGet("/", Root).ExcludeFromDescription()
            .WithQuery([new QueryParameter("incident", "Incident slug the page shows.")], QueryDocs.TimeTravel);
        app.MapGet(ApiPath.V1, (HttpContext http) => Results.Ok(LinkIndex.Api(http.Request.PathBase))).ExcludeFromDescription().IsLive();
        app.MapGet("/api", (HttpContext http) => Results.Redirect($"{http.Request.PathBase}{ApiPath.V1}")).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Root(HttpContext http, IWebHostEnvironment environment, UnrestDb db, CancellationToken ct)
    {
        http.Response.Headers.Vary = HeaderNames.Accept;
        if (!AsksForHtml(http.Request))
        {
            return Results.Ok(LinkIndex.Root(http.Request.PathBase));
        }
        var page = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!page.Exists || page.PhysicalPath is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The page is not built", detail: "Run npm ci && npm run build in src/UnrestTracker.Api/Page.");
        }
        var html = await FeedDiscovery.AddFeedLinkAsync(await File.ReadAllTextAsync(page.PhysicalPath, ct), http, db, ct);
        return Results.Text(html, "text/html; charset=utf-8");
    }

    /// <summary>A browser's navigation names text/html; curl's */* and a script's application/json do not.</summary>
    private static bool AsksForHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
