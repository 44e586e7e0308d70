using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>The API on connections decided before it starts.</summary>
public sealed class GivenApiFactory(TestConnections connections) : ApiFactory
{
    protected override Task<TestConnections> ConnectionsAsync() => Task.FromResult(connections);
}

public sealed class StartingTheApi
{
    [Fact]
    public async Task An_api_started_while_postgres_is_down_waits_for_it_and_then_serves()
    {
        var cluster = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg-outage", NullLogger.Instance), NullLogger.Instance);
        var connections = await TestDatabase.StartAsync(cluster, "unrest_outage");
        await cluster.StopAsync();
        await using var api = new GivenApiFactory(connections);
        api.Settings["Database:ConnectTimeoutSeconds"] = "2";
        try
        {
            var starting = Task.Run(api.InitializeAsync);
            await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(3)));
            Assert.False(starting.IsCompleted, "The API finished starting without its database.");

            await cluster.StartAsync();
            await starting;

            Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    [Fact]
    public async Task Expired_idempotency_records_are_purged_as_soon_as_the_api_starts()
    {
        var connections = await TestDatabase.ConnectionsAsync();
        await using (var migrating = new GivenApiFactory(connections))
        {
            await migrating.InitializeAsync(); // on a fresh clone this test may be the first to use the database
        }
        await using (var owner = new NpgsqlConnection(connections.Owner))
        {
            await owner.OpenAsync();
            await new NpgsqlCommand("""
                INSERT INTO idempotency_records (client, key, request_hash, status, headers_json, body, created_at)
                VALUES ('test', 'expired-at-start', '', 201, '{}', '', now() - interval '30 hours')
                ON CONFLICT DO NOTHING
                """, owner).ExecuteNonQueryAsync();
        }

        await using var api = new GivenApiFactory(connections);
        await api.InitializeAsync();

        var left = 1L;
        for (var attempt = 0; attempt < 50 && left > 0; attempt++)
        {
            await Task.Delay(200);
            left = await api.WithDbAsync(db => Task.FromResult(db.IdempotencyRecords.LongCount(r => r.Key == "expired-at-start")));
        }
        Assert.Equal(0, left);
    }
}
