namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Marks an endpoint whose answer is not a read of history (a stream, webhooks): it takes no <c>recordedAsOf</c>
/// (a 400 naming it), carries no snapshot link and answers <c>Cache-Control: no-store</c>
/// (<c>private, no-store</c> when the request carried a key), as API.md ("Answers that cache and cite") says.
/// </summary>
public sealed class LiveAnswerMetadata;

public static class LiveAnswers
{
    public static TBuilder IsLive<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LiveAnswerMetadata());

    public static bool IsLive(this HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<LiveAnswerMetadata>() is not null;

    /// <summary>Sets the cache rule of a live answer when its headers go out.</summary>
    public static void NoStore(HttpContext http) =>
        http.Response.Headers.CacheControl = http.User.Identity?.IsAuthenticated == true ? "private, no-store" : "no-store";
}
