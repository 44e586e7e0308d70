using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>Active keys by hash, reloaded every <c>RateLimiting:KeyRefreshSeconds</c> (5); an outage keeps the last list.</summary>
public sealed class KeyDirectory(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<KeyDirectory> logger)
    : BackgroundService, IKeyDirectory
{
    private volatile FrozenDictionary<string, string> _owners = FrozenDictionary<string, string>.Empty;

    public string? OwnerOf(string presentedKey) =>
        presentedKey.Length is > 0 and <= KeySecrets.MaxPresentedLength && _owners.TryGetValue(KeySecrets.Hash(presentedKey), out var name) ? name : null;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        var active = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).Select(k => new { k.Hash, k.Name }).ToListAsync(ct);
        _owners = active.ToFrozenDictionary(k => k.Hash, k => k.Name, StringComparer.Ordinal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("RateLimiting:KeyRefreshSeconds", 5))));
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not reload the API keys for rate limiting ({Reason}); keeping the last list", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
