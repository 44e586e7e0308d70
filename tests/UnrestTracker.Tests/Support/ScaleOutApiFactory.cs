using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// The API on a primary of its own (<c>.data/pg-scaleout</c>) and a real streaming replica of it
/// (<c>.data/pg-scaleout-replica</c>, cloned by <c>pg_basebackup -R</c>), started once for the collection. The replica is
/// given as docs/scaling-out.md says, a multi-host connection string without credentials. Its lag bound is generous, so a
/// paused replica stays in use and the tests see what it answers.
/// </summary>
public sealed class ScaleOutApiFactory : OwnClusterApiFactory
{
    public ScaleOutApiFactory() : base("pg-scaleout", "unrest_scaleout")
    {
        Replica = new(Cluster, EmbeddedLocations.DataDirectory("pg-scaleout-replica", NullLogger.Instance), NullLogger.Instance);
        Settings["Replicas:CheckSeconds"] = "0.2";
        Settings["Replicas:MaxLagSeconds"] = "600";
    }

    public EmbeddedReplica Replica { get; }

    /// <summary>The superuser on the replica: pausing and resuming its replay.</summary>
    public string ReplicaOwnerConnectionString => Replica.ConnectionString(OwnerConnectionString);

    protected override async Task<TestConnections> ConnectionsAsync()
    {
        var connections = await base.ConnectionsAsync();
        await Replica.EnsureStartedAsync(CancellationToken.None);
        Settings["ConnectionStrings:UnrestReplicas"] = string.Create(CultureInfo.InvariantCulture,
            $"Host=127.0.0.1:{Replica.Cluster.Port};Database=unrest_scaleout;Load Balance Hosts=true;Target Session Attributes=prefer-standby");
        return connections;
    }

    /// <summary>Stops replaying WAL (what it has stays readable) until the returned scope ends.</summary>
    public async Task<IAsyncDisposable> PauseReplayAsync()
    {
        await ReplicaSqlAsync("SELECT pg_wal_replay_pause()");
        return new Resume(this);
    }

    /// <summary>
    /// Holds back every commit the replica receives from now on (<c>recovery_min_apply_delay</c>, kept across a restart,
    /// unlike a pause) until the returned scope ends.
    /// </summary>
    public async Task<IAsyncDisposable> DelayReplayAsync()
    {
        await ReplicaSqlAsync("ALTER SYSTEM SET recovery_min_apply_delay = '1h'");
        await ReplicaSqlAsync("SELECT pg_reload_conf()::int");
        return new Undelay(this);
    }

    /// <summary>Waits until the replica has replayed every write the primary has committed.</summary>
    public async Task CaughtUpAsync()
    {
        var primary = await ScalarAsync(OwnerConnectionString, "SELECT coalesce(max(seq), 0) FROM changes");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await ScalarAsync(ReplicaOwnerConnectionString, "SELECT coalesce(max(seq), 0) FROM changes") >= primary)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The replica did not catch up with the primary within 30 s.");
    }

    /// <summary>Waits until the API's replica monitor serves reads from the replica again (after a restart).</summary>
    public Task ServingAsync() => ServingAsync(this);

    /// <summary>Waits until <paramref name="api"/> (this pair or another API on it) serves reads from the replica.</summary>
    public static async Task ServingAsync(ApiFactory api)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await api.ReadinessFromLoopbackAsync()).Contains("serving reads", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The API did not take the replica back within 30 s.");
    }

    private Task ReplicaSqlAsync(string sql) => ScalarAsync(ReplicaOwnerConnectionString, sql);

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        // Unpooled: the replica is stopped and started under these connections.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }

    protected override async Task OnDisposedAsync()
    {
        await Replica.Cluster.StopAsync();
        await base.OnDisposedAsync();
    }

    private sealed class Undelay(ScaleOutApiFactory api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await api.ReplicaSqlAsync("ALTER SYSTEM RESET recovery_min_apply_delay");
            await api.ReplicaSqlAsync("SELECT pg_reload_conf()::int");
        }
    }

    private sealed class Resume(ScaleOutApiFactory api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await api.ReplicaSqlAsync("SELECT pg_wal_replay_resume()");
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutApiFactory>
{
    public const string Name = "scale-out";
}
