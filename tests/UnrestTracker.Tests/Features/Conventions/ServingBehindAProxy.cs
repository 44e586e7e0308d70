using System.Net;
using Microsoft.AspNetCore.Http;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>Three requests a minute per address, and one trusted reverse proxy.</summary>
public sealed class ProxiedApiFactory : ApiFactory
{
    public static readonly IPAddress Proxy = IPAddress.Parse("10.9.9.9");

    public ProxiedApiFactory()
    {
        Settings["RateLimiting:AnonymousPermitsPerMinute"] = "3";
        Settings["ForwardedHeaders:KnownProxies"] = Proxy.ToString();
    }
}

public sealed class ServingBehindAProxy(ProxiedApiFactory api) : IClassFixture<ProxiedApiFactory>
{
    private async Task<List<int>> ReadFourTimesAsync(IPAddress from, Func<int, string> forwardedFor)
    {
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var context = await api.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/api/v1/incidents";
                c.Connection.RemoteIpAddress = from;
                c.Request.Headers["X-Forwarded-For"] = forwardedFor(i);
            });
            statuses.Add(context.Response.StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_each_real_client_has_its_own_budget()
    {
        var statuses = await ReadFourTimesAsync(ProxiedApiFactory.Proxy, i => $"198.51.100.{i + 1}");

        Assert.Equal([200, 200, 200, 200], statuses);
    }

    [Fact]
    public async Task A_client_that_is_not_the_proxy_cannot_buy_budgets_by_sending_x_forwarded_for()
    {
        var statuses = await ReadFourTimesAsync(IPAddress.Parse("203.0.113.7"), i => $"198.51.100.{i + 100}");

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    private async Task<string> SnapshotTargetAsync(IPAddress from, string forwardedHost)
    {
        var context = await api.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/v1/incidents";
            c.Connection.RemoteIpAddress = from;
            c.Request.Headers["X-Forwarded-For"] = $"198.51.100.{Random.Shared.Next(200, 255)}";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        });
        Assert.Equal(200, context.Response.StatusCode);
        return Links.Target(context.Response.Headers.Link.ToString());
    }

    [Fact]
    public async Task The_snapshot_link_names_the_host_the_trusted_proxy_forwarded()
    {
        var target = await SnapshotTargetAsync(ProxiedApiFactory.Proxy, "unrest.example.org");

        Assert.StartsWith("https://unrest.example.org/api/v1/incidents?recordedAsOf=", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_is_not_the_proxy_cannot_put_its_own_host_in_the_snapshot_link()
    {
        var target = await SnapshotTargetAsync(IPAddress.Parse("203.0.113.8"), "evil.example");

        Assert.StartsWith("/api/v1/incidents?recordedAsOf=", target, StringComparison.Ordinal);
    }
}
