using System.Globalization;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Embedded;

/// <summary>
/// A streaming replica of an embedded cluster, for development and tests: cloned once from the running primary with
/// <c>pg_basebackup -R</c> into its own data folder, then started (or reused) on a port of its own, as the postgres
/// user. Being a copy, it has the primary's roles and passwords. It runs with <c>hot_standby_feedback=on</c>.
/// </summary>
public sealed class EmbeddedReplica(EmbeddedPostgres primary, string dataDirectory, ILogger logger)
{
    public EmbeddedPostgres Cluster { get; } = new(dataDirectory, logger);

    /// <summary>A connection string of the primary's (any role, any database) pointed at this replica.</summary>
    public string ConnectionString(string primaryConnectionString) =>
        new NpgsqlConnectionStringBuilder(primaryConnectionString) { Port = Cluster.Port }.ConnectionString;

    /// <summary>Clones the primary (which must be running) the first time, then starts the replica unless it runs.</summary>
    public Task EnsureStartedAsync(CancellationToken ct) => Cluster.StartExistingAsync(CloneAsync, ct);

    private async Task CloneAsync(string bin, CancellationToken ct)
    {
        await EmbeddedAccess.AllowReplicationAsync(bin, primary.DataDirectory, ct);
        Directory.CreateDirectory(dataDirectory);
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDirectory], false, ct);
            await ProcessRunner.RunAsync("chmod", ["700", dataDirectory], false, ct);
        }
        // -R writes standby.signal and primary_conninfo (with this password) into the clone, readable by postgres only.
        var (code, output) = await ProcessRunner.RunAsync(
            Path.Combine(bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", EmbeddedSecrets.Owner,
             "-D", dataDirectory, "-R", "-X", "stream", "-c", "fast", "-w"],
            true, ct, environment: new Dictionary<string, string> { ["PGPASSWORD"] = primary.Secrets.PasswordOf(EmbeddedSecrets.Owner) });
        if (code != 0)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw new InvalidOperationException($"pg_basebackup could not clone {primary.DataDirectory} into {dataDirectory}: {output}");
        }
        // The primary's remembered port came along with the copy; the replica chooses its own.
        File.Delete(Path.Combine(dataDirectory, "unrest-port"));
        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"),
            "\n# Written by UnrestTracker: the primary keeps the rows a replica's running query still reads.\nhot_standby_feedback = on\n");
        logger.LogInformation("Cloned the embedded PostgreSQL in {Primary} into a streaming replica in {Directory}", primary.DataDirectory, dataDirectory);
    }
}
