using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>The API on a PostgreSQL cluster of its own, so stopping it disturbs no other test.</summary>
public sealed class OutageApiFactory() : OwnClusterApiFactory("pg-outage", "unrest_outage");

public sealed class SurvivingADatabaseOutage(OutageApiFactory api) : IClassFixture<OutageApiFactory>
{
    [Fact]
    public async Task While_postgres_is_down_requests_get_a_quick_503_and_once_it_is_back_they_succeed_without_a_restart()
    {
        var reader = ClientFactory.Anonymous(api);
        var writer = await ClientFactory.WithKeyAsync(api, $"outage-{Guid.NewGuid():N}", KeyScope.Write);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/incidents")).StatusCode);

        await api.Cluster.StopAsync();
        HttpResponseMessage read, write, ready;
        var clock = Stopwatch.StartNew();
        try
        {
            read = await reader.GetAsync("/api/v1/incidents");
            write = await writer.PostAsJsonAsync("/api/v1/sources", new { name = "Reuters", kind = "media" });
            ready = await reader.GetAsync("/health/ready");
            clock.Stop();
        }
        finally
        {
            await api.Cluster.StartAsync();
        }

        Assert.All([read, write, ready], r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter);
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Three requests took {clock.Elapsed} to fail.");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync("/api/v1/sources", new { name = "Reuters", kind = "media" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task While_postgres_is_frozen_requests_end_with_503_within_the_timeouts_instead_of_hanging()
    {
        var reader = ClientFactory.Anonymous(api);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/sources")).StatusCode);

        HttpResponseMessage pooled, fresh;
        var clock = Stopwatch.StartNew();
        await using (await api.FreezeAsync())
        {
            pooled = await reader.GetAsync("/api/v1/sources");
            fresh = await reader.GetAsync("/api/v1/incidents");
            clock.Stop();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pooled.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fresh.StatusCode);
        Assert.NotNull(fresh.Headers.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Two requests took {clock.Elapsed} to fail.");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/sources")).StatusCode);
    }

    [Fact]
    public async Task Started_without_migrating_while_postgres_is_down_it_answers_503_until_postgres_is_back_then_recovers_by_itself()
    {
        _ = api.Server;
        await api.Cluster.StopAsync();
        await using var late = new StartedWithoutMigrating(new(api.OwnerConnectionString, api.ConnectionString));
        HttpResponseMessage down;
        try
        {
            await late.InitializeAsync();
            down = await ClientFactory.Anonymous(late).GetAsync("/api/v1/incidents");
        }
        finally
        {
            await api.Cluster.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await ClientFactory.Anonymous(late).GetAsync("/api/v1/incidents")).StatusCode);
    }

    /// <summary>A second instance of the deployment, started with <c>Database:Migrate=false</c> and no configured cursor secret.</summary>
    private sealed class StartedWithoutMigrating : ApiFactory
    {
        private readonly TestConnections _connections;

        public StartedWithoutMigrating(TestConnections connections)
        {
            _connections = connections;
            Settings["Database:Migrate"] = "false";
            Settings["Database:ConnectTimeoutSeconds"] = "2";
            Settings["Database:CommandTimeoutSeconds"] = "2";
        }

        protected override Task<TestConnections> ConnectionsAsync() => Task.FromResult(_connections);
    }
}
