using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace UnrestTracker.Api.Infrastructure.Proxies;

/// <summary>
/// Behind a reverse proxy, the client's address comes from <c>X-Forwarded-For</c>, but only when the
/// request arrives from a proxy listed in <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR). None are trusted by default, loopback included, so the
/// header cannot be spoofed to buy fresh rate-limit budgets. <c>X-Forwarded-Host</c> and <c>X-Forwarded-Proto</c> are
/// taken from those proxies only, too.
/// </summary>
public static class ProxySetup
{
    private static readonly object SentHostKey = new();

    public static IServiceCollection AddUnrestProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in List(configuration, "ForwardedHeaders:KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in List(configuration, "ForwardedHeaders:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            options.ForwardLimit = Math.Max(1, configuration.GetValue("ForwardedHeaders:ForwardLimit", 1));
        });
        return services;
    }

    /// <summary>Applies what a known proxy forwarded, remembering the Host the connection itself sent.</summary>
    public static WebApplication UseUnrestProxies(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Items[SentHostKey] = http.Request.Host;
            return next(http);
        });
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>True when the request's host is a known proxy's <c>X-Forwarded-Host</c>, not the Host its sender chose.</summary>
    public static bool HostIsForwarded(HttpContext http) =>
        http.Items.TryGetValue(SentHostKey, out var sent) && sent is HostString host && host != http.Request.Host;

    /// <summary>A list given as an array (<c>KnownProxies:0</c>) or as one comma-separated value.</summary>
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
