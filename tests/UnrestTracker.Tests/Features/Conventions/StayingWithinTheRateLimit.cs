using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>The API with budgets of three requests a minute, so a test can run out of them.</summary>
public sealed class LowRateLimitApiFactory : ApiFactory
{
    public const int Permits = 3;

    public LowRateLimitApiFactory()
    {
        Settings["RateLimiting:KeyPermitsPerMinute"] = $"{Permits}";
        Settings["RateLimiting:AnonymousPermitsPerMinute"] = $"{Permits}";
    }

    private readonly KeyLookupCounter _keyLookups = new();

    /// <summary>How many times the API has looked a presented key up in the database.</summary>
    public int KeyLookups => _keyLookups.Count;

    /// <summary>What the periodic reload of keys does within seconds, done now: new keys get their own budgets.</summary>
    public Task KeysRefreshedAsync() => Services.GetRequiredService<KeyDirectory>().RefreshAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<UnrestDb>(o => o.AddInterceptors(_keyLookups)));
    }

    /// <summary>Counts the queries that authenticate one presented key (the periodic reload of every key is not one).</summary>
    private sealed class KeyLookupCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM api_keys", StringComparison.Ordinal) && command.CommandText.Contains(".hash = ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class StayingWithinTheRateLimit(LowRateLimitApiFactory api) : IClassFixture<LowRateLimitApiFactory>
{
    [Fact]
    public async Task An_anonymous_client_over_its_budget_gets_a_429_problem_with_retry_after()
    {
        var client = ClientFactory.Anonymous(api);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LowRateLimitApiFactory.Permits; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/incidents")).StatusCode);
        }
        var over = await client.GetAsync("/api/v1/incidents");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
        var retryAfter = over.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task Each_key_spends_its_own_budget()
    {
        var first = await ClientFactory.WithKeyAsync(api, $"busy-{Guid.NewGuid():N}", KeyScope.Read);
        var second = await ClientFactory.WithKeyAsync(api, $"quiet-{Guid.NewGuid():N}", KeyScope.Read);
        await api.KeysRefreshedAsync();

        for (var i = 0; i < LowRateLimitApiFactory.Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/sources")).StatusCode);
        }
        var over = await first.GetAsync("/api/v1/sources");
        var other = await second.GetAsync("/api/v1/sources");

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Health_probes_swagger_and_the_page_spend_the_budget_like_any_request()
    {
        var client = await ClientFactory.WithKeyAsync(api, $"probe-{Guid.NewGuid():N}", KeyScope.Read);
        await api.KeysRefreshedAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/health/live", "/swagger/v1/swagger.json", "/health/ready", "/swagger/index.html", "/" })
        {
            statuses.Add((await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
