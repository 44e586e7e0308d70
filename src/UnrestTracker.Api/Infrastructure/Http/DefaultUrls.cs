namespace UnrestTracker.Api.Infrastructure.Http;

public static class DefaultUrls
{
    /// <summary>
    /// Serves on http://localhost:5080 unless --urls, ASPNETCORE_URLS or Kestrel endpoints say otherwise.
    /// This replaces a launch profile, because <c>dotnet run</c> announces a launch profile on stdout,
    /// and <c>dotnet run -- keys create</c> must print the key and nothing else there.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder, string urls = "http://localhost:5080")
    {
        var configured = !string.IsNullOrEmpty(builder.Configuration["urls"])
            || !string.IsNullOrEmpty(builder.Configuration["http_ports"])
            || !string.IsNullOrEmpty(builder.Configuration["https_ports"])
            || builder.Configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(urls);
        }
        return builder;
    }
}
