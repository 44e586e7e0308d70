using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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

    /// <summary>Once the server listens, logs where a newcomer starts: Swagger UI and the API's index of links.</summary>
    public static WebApplication LogWhereToStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                app.Logger.LogInformation("Swagger UI: {SwaggerUi} (the OpenAPI document: {OpenApi}); the API's index of links: {Index}",
                    $"{root}/swagger", $"{root}/swagger/v1/swagger.json", $"{root}{ApiPath.V1}");
            }
        });
        return app;
    }
}
