using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>Recognises an API key by its hash; the principal is named after the key so history records it.</summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = KeyHeaders.Read(Request);
        // No endpoint: the answer is a 404 whoever asks, so no database work to find out who.
        if (presented is null || Context.GetEndpoint() is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (presented.Length > KeySecrets.MaxPresentedLength)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        var db = Context.RequestServices.GetRequiredService<UnrestDb>();
        var hash = KeySecrets.Hash(presented);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        await TouchAsync(db, key);
        var claims = KeySecrets.ScopesOf(key.Scope).Select(s => new Claim(AuthSetup.ScopeClaim, s)).Prepend(new Claim(ClaimTypes.Name, key.Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>Records use at most about once a minute per key, so a busy key does not write on every request.</summary>
    private async Task TouchAsync(UnrestDb db, ApiKey key)
    {
        var now = TimeProvider.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var rejected = result.Failure is not null;
        Response.Headers.WWWAuthenticate = rejected ? "Bearer realm=\"UnrestTracker\", error=\"invalid_token\"" : "Bearer realm=\"UnrestTracker\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized,
            rejected ? "The API key is unknown or revoked." : "An API key is required.",
            rejected ? "Ask an administrator for a valid key." : $"Send a key with the write scope in 'Authorization: Bearer <key>' or '{KeyHeaders.ApiKey}: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key's scope is too small.",
            "This operation needs a key with a larger scope: write for writes, admin for webhooks.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class KeySetup
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSetup.Scheme).AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(AuthSetup.Scheme, null);
        services.AddSingleton<KeyDirectory>();
        services.AddSingleton<IKeyDirectory>(sp => sp.GetRequiredService<KeyDirectory>());
        services.AddHostedService(sp => sp.GetRequiredService<KeyDirectory>());
        services.AddUnrestAuthorization();
        return services;
    }
}
