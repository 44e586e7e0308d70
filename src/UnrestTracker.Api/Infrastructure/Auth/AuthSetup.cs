using Microsoft.AspNetCore.Authorization;

namespace UnrestTracker.Api.Infrastructure.Auth;

/// <summary>Where a key may be presented: <c>Authorization: Bearer</c> or <c>X-Api-Key</c>.</summary>
public static class KeyHeaders
{
    public const string ApiKey = "X-Api-Key";

    /// <summary>The presented key, "" for an empty one, or null when the request carries none.</summary>
    public static string? Read(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKey, out var header))
        {
            return header.ToString().Trim();
        }
        var authorization = request.Headers.Authorization.ToString().Trim();
        var isBearer = authorization.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            || authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return isBearer ? authorization[6..].Trim() : null;
    }
}

public static class AuthSetup
{
    public const string Scheme = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string WritePolicy = "write";
    public const string AdminScope = "admin";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddUnrestAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, p => p.RequireAuthenticatedUser().RequireClaim(ScopeClaim, "write"))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(ScopeClaim, AdminScope))
            // Reads are anonymous, but a key that was presented and not recognised is refused everywhere
            // (on an unknown path the answer is a 404 whoever asks: the key is not looked up).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true
                    || c.Resource is not HttpContext http
                    || http.GetEndpoint() is null
                    || KeyHeaders.Read(http.Request) is null)
                .Build());
        return services;
    }
}
