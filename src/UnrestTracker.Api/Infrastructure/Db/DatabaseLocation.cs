using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;
using UnrestTracker.Api.Infrastructure.Replicas;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// Decides which PostgreSQL the process uses, and as whom. <c>ConnectionStrings:Unrest</c> is what the
/// API serves as; <c>ConnectionStrings:UnrestMigrations</c> (the tables' owner) migrates, or the
/// API's own connection when it is not set. Without either: the embedded project-local cluster,
/// started on first use, migrated by its superuser and served as <c>unrest_api</c>.
/// <c>ConnectionStrings:UnrestReplicas</c> (or <c>Database:EmbeddedReplica=true</c> beside the embedded cluster)
/// names streaming replicas that reads may go to, one connection string per host (see <see cref="Replicas.ReadRouting"/>).
/// </summary>
public sealed class DatabaseLocation(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DatabaseLocation> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Api, string Owner)? _resolved;
    private IReadOnlyList<string> _replicaHosts = [];
    private string? _requests, _exports;
    private IReadOnlyList<string>? _replicas;

    /// <summary>
    /// The API's connection for requests (least privilege when roles are set up as docs/roles.md says): every
    /// statement limited to <c>Database:StatementTimeoutSeconds</c>.
    /// </summary>
    public string ConnectionString => _requests ??= Limited(statementTimeoutSeconds: configuration.GetValue("Database:StatementTimeoutSeconds", 4));

    /// <summary>
    /// One connection string per replica host, as the API's role with the request pool's timeouts; empty when no
    /// replica is configured (every read then goes to the primary).
    /// </summary>
    public IReadOnlyList<string> ReplicaConnectionStrings => _replicas ??= _replicaHosts
        .Select(host => Limited(configuration.GetValue("Database:StatementTimeoutSeconds", 4), baseConnection: host)).ToList();

    /// <summary>For exports, a pool of their own: statements limited to <c>Exports:StatementTimeoutSeconds</c>, long but finite.</summary>
    public string ExportConnectionString => _exports ??= Limited(
        statementTimeoutSeconds: configuration.GetValue("Exports:StatementTimeoutSeconds", 120),
        maxPoolSize: Math.Max(1, configuration.GetValue("Exports:MaxConcurrent", 4)));

    /// <summary>The API's role for the command line: no statement timeout.</summary>
    public string MaintenanceConnectionString => Limited(statementTimeoutSeconds: 0);

    /// <summary>The owner's connection, for migrations and grants only; no command timeout worth the name.</summary>
    public string MigrationConnectionString => Resolved.Owner;

    /// <summary>Whether migrations run as another role than the API serves as (so grants are due after migrating).</summary>
    public bool SeparateRoles => !string.Equals(
        new NpgsqlConnectionStringBuilder(Resolved.Api).Username, new NpgsqlConnectionStringBuilder(Resolved.Owner).Username, StringComparison.Ordinal);

    public string ApiRole => new NpgsqlConnectionStringBuilder(Resolved.Api).Username ?? "";

    private string Limited(int statementTimeoutSeconds, int? maxPoolSize = null, string? baseConnection = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(baseConnection ?? Resolved.Api);
        builder.Options = $"{builder.Options} -c statement_timeout={statementTimeoutSeconds * 1000}".Trim();
        // PostgreSQL ends a statement past its timeout itself (a 503 "too expensive"); the client-side
        // command timeout stays for a server that does not answer at all (a 503 "unavailable").
        if (statementTimeoutSeconds == 0 || builder.CommandTimeout <= statementTimeoutSeconds)
        {
            builder.CommandTimeout = statementTimeoutSeconds == 0 ? 0 : statementTimeoutSeconds + 2;
        }
        // Off by default: see docs/operations.md ("Database:MaxAutoPrepare"); prepared statements may take generic plans.
        builder.MaxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", 0);
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }
        return builder.ConnectionString;
    }

    public bool IsResolved => _resolved is not null;

    private (string Api, string Owner) Resolved => _resolved
        ?? throw new InvalidOperationException("The database location is resolved at start-up; call ResolveAsync first.");

    public async Task<string> ResolveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_resolved is null)
            {
                var (api, owner, replicas) = await FindAsync(ct);
                var commandTimeout = configuration.GetValue("Database:CommandTimeoutSeconds", 5);
                _resolved = (WithTimeouts(api, commandTimeout), ForMigrations(WithTimeouts(owner, 600)));
                _replicaHosts = replicas.Select(r => WithTimeouts(r, commandTimeout)).ToList();
            }
            return _resolved.Value.Api;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Api, string Owner, IReadOnlyList<string> Replicas)> FindAsync(CancellationToken ct)
    {
        var configured = configuration.GetConnectionString("Unrest");
        var replicas = configuration.GetConnectionString("UnrestReplicas");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var owner = configuration.GetConnectionString("UnrestMigrations");
            return (configured, string.IsNullOrWhiteSpace(owner) ? configured : owner, ReplicaHosts.Split(replicas, configured));
        }
        var embedded = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg", logger), logger);
        var ownerConnection = await embedded.EnsureStartedAsync(configuration["Embedded:Database"] ?? "unrest", ct);
        if (embedded.StartedByUs)
        {
            lifetime.ApplicationStopped.Register(() => embedded.StopIfUnusedAsync(ownerConnection).GetAwaiter().GetResult());
        }
        var api = embedded.ApiConnectionString(ownerConnection);
        if (string.IsNullOrWhiteSpace(replicas) && configuration.GetValue("Database:EmbeddedReplica", false))
        {
            var replica = new EmbeddedReplica(embedded, EmbeddedLocations.DataDirectory("pg-replica", logger), logger);
            await replica.EnsureStartedAsync(ct);
            if (replica.Cluster.StartedByUs)
            {
                lifetime.ApplicationStopped.Register(() => replica.Cluster.StopIfUnusedAsync(replica.ConnectionString(ownerConnection)).GetAwaiter().GetResult());
            }
            return (api, ownerConnection, [replica.ConnectionString(api)]);
        }
        return (api, ownerConnection, ReplicaHosts.Split(replicas, api));
    }

    /// <summary>
    /// Unpooled and without keepalives: an idle pooled owner connection would ping a frozen server with the
    /// migration timeout, holding its lock for minutes while ClearAllPools (after any 503) waits on it.
    /// </summary>
    private static string ForMigrations(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 0 }.ConnectionString;

    /// <summary>Short timeouts so that a dead or frozen database turns into a quick 503, not a hang.</summary>
    private string WithTimeouts(string connectionString, int commandTimeoutSeconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timeout = configuration.GetValue("Database:ConnectTimeoutSeconds", 3);
        builder.CommandTimeout = commandTimeoutSeconds;
        builder.CancellationTimeout = 1000;
        builder.KeepAlive = 5;
        // JIT compilation costs 100-400 ms per query here and never pays back on short keyset reads; starting parallel
        // workers costs 5-20 ms, more than the read it would share (a series read of 61 rows took 18 ms instead of 1).
        builder.Options ??= "-c jit=off -c max_parallel_workers_per_gather=0";
        builder.ApplicationName ??= "unrest-tracker";
        return builder.ConnectionString;
    }
}
