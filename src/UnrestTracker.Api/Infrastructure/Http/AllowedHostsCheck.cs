using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// <c>AllowedHosts</c> as ASP.NET Core reads it, refused like every other error: a 400 problem. The framework's own host
/// filter runs before any of our middleware and answers with an HTML page, so it is told to let every host through and
/// this check, placed after the problem setup and the forwarded headers, takes its place.
/// </summary>
public static class AllowedHostsCheck
{
    public static IServiceCollection AddAllowedHostsCheck(this IServiceCollection services) =>
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

    /// <summary>The hosts <c>AllowedHosts</c> lists; none when it allows any host (absent, empty or holding <c>*</c>).</summary>
    public static string[] Listed(IConfiguration configuration)
    {
        var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return hosts.Contains("*") ? [] : hosts;
    }

    public static IApplicationBuilder UseAllowedHostsCheck(this IApplicationBuilder app)
    {
        var hosts = Listed(app.ApplicationServices.GetRequiredService<IConfiguration>());
        if (hosts.Length == 0)
        {
            return app;
        }
        var patterns = hosts.Select(h => new StringSegment(h)).ToList();
        return app.Use(async (http, next) =>
        {
            if (!HostString.MatchesAny(new StringSegment(http.Request.Host.Host), patterns))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown host.",
                    detail: "This server answers only for the hosts it is configured for (AllowedHosts).").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }
}
