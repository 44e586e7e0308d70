namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Headers that keep a browser from misusing any answer: the page and Swagger UI run only this origin's own files
/// (no inline script, nothing fetched from elsewhere), nothing is framed by another site, no response is sniffed
/// into another type, and no URL (a key in a query, a cited view) leaks to other sites as a referrer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The one inline style allowed, by its hash: the <c>&lt;style&gt;</c> in Swagger UI's logo. Any other inline style or
    /// script is refused (the page's browser tests fail on a refusal, so an upgrade that changes the logo is noticed).
    /// </summary>
    private const string SwaggerUiLogoStyle = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    public const string ContentSecurityPolicy = $"default-src 'self'; script-src 'self'; style-src 'self' {SwaggerUiLogoStyle}; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Set as the response starts, so that answers written after a reset (errors, replays) carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
