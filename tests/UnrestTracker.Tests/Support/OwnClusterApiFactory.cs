using Microsoft.Extensions.Logging.Abstractions;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// The API on a PostgreSQL cluster of its own (<c>.data/{name}</c>), with short timeouts, so that
/// stopping, freezing or killing it disturbs no other test.
/// </summary>
public abstract class OwnClusterApiFactory : ApiFactory
{
    private readonly string _database;

    protected OwnClusterApiFactory(string name, string database)
    {
        _database = database;
        Cluster = new(EmbeddedLocations.DataDirectory(name, NullLogger.Instance), NullLogger.Instance);
        Settings["Database:ConnectTimeoutSeconds"] = "2";
        Settings["Database:CommandTimeoutSeconds"] = "2";
    }

    public EmbeddedPostgres Cluster { get; }

    /// <summary>Freezes the postmaster and every backend (kill -STOP), as a hung server would be, until the returned scope ends.</summary>
    public async Task<IAsyncDisposable> FreezeAsync()
    {
        string[] frozen = [PostmasterPid(), .. await ChildrenAsync()];
        await ProcessRunner.RunAsync("kill", ["-STOP", .. frozen], false, CancellationToken.None);
        return new Thaw(frozen);
    }

    /// <summary>kill -9 on the postmaster, as the OOM killer would; returns once its backends have gone too.</summary>
    public async Task KillAsync()
    {
        string[] doomed = [PostmasterPid(), .. await ChildrenAsync()];
        await ProcessRunner.RunAsync("kill", ["-9", doomed[0]], false, CancellationToken.None);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, alive) = await ProcessRunner.RunAsync("ps", ["-o", "pid=", "-p", string.Join(',', doomed)], false, CancellationToken.None);
            if (string.IsNullOrWhiteSpace(alive))
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    private string PostmasterPid() => File.ReadLines(Path.Combine(Cluster.DataDirectory, "postmaster.pid")).First().Trim();

    private async Task<string[]> ChildrenAsync()
    {
        var (_, children) = await ProcessRunner.RunAsync("pgrep", ["-P", PostmasterPid()], false, CancellationToken.None);
        return children.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private sealed class Thaw(string[] pids) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ProcessRunner.RunAsync("kill", ["-CONT", .. pids], false, CancellationToken.None);
    }

    protected override Task<TestConnections> ConnectionsAsync() => TestDatabase.StartAsync(Cluster, _database);

    protected override Task OnDisposedAsync() => Cluster.StopAsync();
}
