using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Features.Keys;
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

    /// <summary>What the periodic reload of keys does within seconds, done now: new keys get their own budgets.</summary>
    public Task KeysRefreshedAsync() => Services.GetRequiredService<KeyDirectory>().RefreshAsync(CancellationToken.None);
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
    public async Task Health_probes_and_the_api_document_spend_no_budget()
    {
        var client = await ClientFactory.WithKeyAsync(api, $"probe-{Guid.NewGuid():N}", KeyScope.Read);
        await api.KeysRefreshedAsync();

        for (var i = 0; i < LowRateLimitApiFactory.Permits + 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        }
        var read = await client.GetAsync("/api/v1/sources");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
