using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class RateLimitingBeforeTheDatabase(LowRateLimitApiFactory api) : IClassFixture<LowRateLimitApiFactory>
{
    /// <summary>A request from an address of its own, so each test starts with full budgets.</summary>
    private async Task<HttpContext> SendAsync(IPAddress from, string? key, string method = "GET", string path = "/api/v1/sources", string? idempotencyKey = null) =>
        await api.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
            if (key is not null)
            {
                c.Request.Headers["X-Api-Key"] = key;
            }
            if (idempotencyKey is not null)
            {
                c.Request.Headers["Idempotency-Key"] = idempotencyKey;
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream("{\"name\":\"Reuters\",\"kind\":\"media\"}"u8.ToArray());
            }
        });

    private static IPAddress NewAddress() => new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);

    [Fact]
    public async Task Random_keys_spend_their_address_s_budget_and_buy_no_fresh_ones()
    {
        var from = NewAddress();
        var statuses = new List<int>();
        for (var i = 0; i <= LowRateLimitApiFactory.Permits; i++)
        {
            statuses.Add((await SendAsync(from, KeySecrets.NewSecret())).Response.StatusCode);
        }

        Assert.Equal([401, 401, 401, 429], statuses);
    }

    [Fact]
    public async Task Bogus_keys_at_the_liveness_probe_cost_no_more_key_lookups_than_the_budget_allows()
    {
        var from = NewAddress();
        var lookupsBefore = api.KeyLookups;

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await SendAsync(from, KeySecrets.NewSecret(), path: "/health/live")).Response.StatusCode);
        }

        Assert.Equal([401, 401, 401, 429, 429, 429, 429, 429, 429, 429], statuses);
        Assert.Equal(LowRateLimitApiFactory.Permits, api.KeyLookups - lookupsBefore);
    }

    [Fact]
    public async Task Loopback_aliases_share_one_budget()
    {
        IPAddress[] aliases = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"), IPAddress.IPv6Loopback, IPAddress.Parse("::ffff:127.0.0.4")];

        var statuses = new List<int>();
        foreach (var alias in aliases)
        {
            statuses.Add((await SendAsync(alias, null)).Response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task The_addresses_of_one_ipv6_64_share_one_budget_and_the_next_64_has_its_own()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";
        string[] hosts = [$"{prefix}::1", $"{prefix}::2", $"{prefix}:1:2:3:4", $"{prefix}:ffff:ffff:ffff:ffff"];

        var statuses = new List<int>();
        foreach (var host in hosts)
        {
            statuses.Add((await SendAsync(IPAddress.Parse(host), null)).Response.StatusCode);
        }
        var nextNetwork = (await SendAsync(IPAddress.Parse($"2001:db9:{prefix[9..]}::1"), null)).Response.StatusCode;

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(200, nextNetwork);
    }

    [Fact]
    public async Task An_ipv4_mapped_ipv6_address_spends_the_budget_of_its_ipv4_address()
    {
        var from = NewAddress();

        var statuses = new List<int>();
        for (var i = 0; i <= LowRateLimitApiFactory.Permits; i++)
        {
            statuses.Add((await SendAsync(i % 2 == 0 ? from : from.MapToIPv6(), null)).Response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task Once_the_keys_are_reloaded_a_revoked_key_has_no_budget_of_its_own()
    {
        var name = $"leaked-{Guid.NewGuid():N}";
        var key = await ClientFactory.IssueAsync(api, name, KeyScope.Read);
        await api.KeysRefreshedAsync();
        var from = NewAddress();
        for (var i = 0; i < LowRateLimitApiFactory.Permits; i++)
        {
            await SendAsync(from, null);
        }
        var ownBudget = (await SendAsync(from, key)).Response.StatusCode;

        await api.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow)));
        var revokedAtOnce = (await SendAsync(NewAddress(), key)).Response.StatusCode;
        await api.KeysRefreshedAsync();
        var afterReload = (await SendAsync(from, key)).Response.StatusCode;

        Assert.Equal(200, ownBudget);
        Assert.Equal(401, revokedAtOnce);
        Assert.Equal(429, afterReload);
    }

    [Fact]
    public async Task A_post_with_an_idempotency_key_to_an_unknown_path_is_a_404_problem_and_stores_nothing()
    {
        var writer = await ClientFactory.IssueAsync(api, $"writer-{Guid.NewGuid():N}", KeyScope.Write);
        var before = await api.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM idempotency_records").SingleAsync());

        var answer = await SendAsync(NewAddress(), writer, "POST", "/api/v1/nothing-here", idempotencyKey: "retry-1");

        Assert.Equal(404, answer.Response.StatusCode);
        Assert.Equal("application/problem+json", answer.Response.ContentType);
        Assert.Equal(before, await api.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM idempotency_records").SingleAsync()));
    }
}
