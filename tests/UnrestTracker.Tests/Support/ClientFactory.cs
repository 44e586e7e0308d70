namespace UnrestTracker.Tests.Support;

/// <summary>Hands out HTTP clients; once API keys exist, the writer client will carry a write key.</summary>
public static class ClientFactory
{
    public static Task<HttpClient> WriterAsync(ApiFactory api) => Task.FromResult(api.CreateClient());

    public static HttpClient Anonymous(ApiFactory api) => api.CreateClient();
}
