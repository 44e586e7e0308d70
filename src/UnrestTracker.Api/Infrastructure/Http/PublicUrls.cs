namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// The one place absolute URLs of this API start from (the Atom feed's links). For now the scheme and host the
/// request came to, which <c>UseForwardedHeaders</c> and <c>AllowedHosts</c> vouch for; <c>Http:PublicBaseUrl</c>
/// (API.md "Answers that cache and cite") is to take its place here.
/// </summary>
public static class PublicUrls
{
    public static string Absolute(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
