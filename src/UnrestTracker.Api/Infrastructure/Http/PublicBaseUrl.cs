using UnrestTracker.Api.Infrastructure.Proxies;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Where every URL the API writes starts. <c>Http:PublicBaseUrl</c> when it is set; otherwise the request's own
/// scheme and host only when something vouches for that host (<c>AllowedHosts</c> lists the hosts, so the host filter
/// has refused any other, or a known proxy sent <c>X-Forwarded-Host</c>); otherwise no host at all: a root-relative
/// URL (RFC 8288 allows one in <c>Link</c>), so a forged <c>Host</c> header never ends up in a link someone cites.
/// </summary>
public sealed class PublicBaseUrl
{
    private readonly string? _configured;
    private readonly bool _hostsListed;

    public PublicBaseUrl(IConfiguration configuration)
    {
        var configured = configuration["Http:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException(
                    $"Http:PublicBaseUrl must be an absolute http or https URL without query or fragment, such as https://unrest.example.org; it is '{configured}'.");
            }
            _configured = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
        _hostsListed = AllowedHostsCheck.Listed(configuration).Length > 0;
    }

    /// <summary>The absolute base (scheme, host, path base; no trailing slash), or null when no host is vouched for.</summary>
    public string? AbsoluteOf(HttpContext http)
    {
        if (_configured is not null)
        {
            return _configured;
        }
        var request = http.Request;
        return _hostsListed || ProxySetup.HostIsForwarded(http) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;
    }

    /// <summary>What a link to <paramref name="path"/> (with its query) is: absolute when a base is vouched for, else root-relative.</summary>
    public string Link(HttpContext http, PathString path, QueryString query) =>
        $"{AbsoluteOf(http) ?? http.Request.PathBase.ToString()}{path}{query}";
}

public static class PublicBaseUrlSetup
{
    public static IServiceCollection AddPublicBaseUrl(this IServiceCollection services) => services.AddSingleton<PublicBaseUrl>();
}
