using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using UnrestTracker.Api.Infrastructure.Auth;

namespace UnrestTracker.Api.Infrastructure.Health;

/// <summary>
/// Who may read why the service is degraded: a key with the admin scope, or a caller on this machine when no
/// reverse proxy is configured (behind one, every request arrives from the proxy's address, loopback included).
/// </summary>
public static class HealthDetails
{
    public static bool AreFor(HttpContext http)
    {
        if (http.User.HasClaim(AuthSetup.ScopeClaim, AuthSetup.AdminScope))
        {
            return true;
        }
        var proxies = http.RequestServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        var noProxy = proxies.KnownProxies.Count == 0 && proxies.KnownIPNetworks.Count == 0;
        return noProxy && ClientIdentity.IsLoopback(http.Connection.RemoteIpAddress);
    }
}
