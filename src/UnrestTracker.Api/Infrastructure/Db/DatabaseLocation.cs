using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// Decides which PostgreSQL the process uses, and as whom. <c>ConnectionStrings:Unrest</c> is what the
/// API serves as; <c>ConnectionStrings:UnrestMigrations</c> (the tables' owner) migrates, or the
/// API's own connection when it is not set. Without either: the embedded project-local cluster,
/// started on first use, migrated by its superuser and served as <c>unrest_api</c>.
/// </summary>
public sealed class DatabaseLocation(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DatabaseLocation> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Api, string Owner)? _resolved;
    private string? _requests, _exports;

    /// <summary>
    /// The API's connection for requests (least privilege when roles are set up as the README says): every
    /// statement limited to <c>Database:StatementTimeoutSeconds</c>.
    /// </summary>
    public string ConnectionString => _requests ??= Limited(statementTimeoutSeconds: configuration.GetValue("Database:StatementTimeoutSeconds", 4));

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

    private string Limited(int statementTimeoutSeconds, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(Resolved.Api);
        builder.Options = $"{builder.Options} -c statement_timeout={statementTimeoutSeconds * 1000}".Trim();
        // PostgreSQL ends a statement past its timeout itself (a 503 "too expensive"); the client-side
        // command timeout stays for a server that does not answer at all (a 503 "unavailable").
        if (statementTimeoutSeconds == 0 || builder.CommandTimeout <= statementTimeoutSeconds)
        {
            builder.CommandTimeout = statementTimeoutSeconds == 0 ? 0 : statementTimeoutSeconds + 2;
        }
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }
        return builder.ConnectionString;
    }

    private (string Api, string Owner) Resolved => _resolved
        ?? throw new InvalidOperationException("The database location is resolved at start-up; call ResolveAsync first.");

    public async Task<string> ResolveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_resolved is null)
            {
                var (api, owner) = await FindAsync(ct);
                _resolved = (WithTimeouts(api, configuration.GetValue("Database:CommandTimeoutSeconds", 5)), ForMigrations(WithTimeouts(owner, 600)));
            }
            return _resolved.Value.Api;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Api, string Owner)> FindAsync(CancellationToken ct)
    {
        var configured = configuration.GetConnectionString("Unrest");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var owner = configuration.GetConnectionString("UnrestMigrations");
            return (configured, string.IsNullOrWhiteSpace(owner) ? configured : owner);
        }
        var embedded = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg", logger), logger);
        var ownerConnection = await embedded.EnsureStartedAsync(configuration["Embedded:Database"] ?? "unrest", ct);
        if (embedded.StartedByUs)
        {
            lifetime.ApplicationStopped.Register(() => embedded.StopIfUnusedAsync(ownerConnection).GetAwaiter().GetResult());
        }
        return (embedded.ApiConnectionString(ownerConnection), ownerConnection);
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
        // JIT compilation costs 100-400 ms per query here and never pays back on short keyset reads.
        builder.Options ??= "-c jit=off";
        builder.ApplicationName ??= "unrest-tracker";
        return builder.ConnectionString;
    }
}
