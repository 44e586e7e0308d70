using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// Decides which PostgreSQL the process uses: <c>ConnectionStrings:Unrest</c> when set,
/// otherwise the embedded project-local cluster, started on first use.
/// </summary>
public sealed class DatabaseLocation(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DatabaseLocation> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString, _requests, _exports;

    /// <summary>For requests: every statement limited to <c>Database:StatementTimeoutSeconds</c>.</summary>
    public string ConnectionString => _requests ??= Resolved(statementTimeoutSeconds: configuration.GetValue("Database:StatementTimeoutSeconds", 4));

    /// <summary>For exports, a pool of their own: statements limited to <c>Exports:StatementTimeoutSeconds</c>, long but finite.</summary>
    public string ExportConnectionString => _exports ??= Resolved(
        statementTimeoutSeconds: configuration.GetValue("Exports:StatementTimeoutSeconds", 120),
        maxPoolSize: Math.Max(1, configuration.GetValue("Exports:MaxConcurrent", 4)));

    /// <summary>For migrations and the command line: no statement timeout.</summary>
    public string MaintenanceConnectionString => Resolved(statementTimeoutSeconds: 0);

    private string Resolved(int statementTimeoutSeconds, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString
            ?? throw new InvalidOperationException("The database location is resolved at start-up; call ResolveAsync first."));
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

    public async Task<string> ResolveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _connectionString ??= WithTimeouts(await FindAsync(ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> FindAsync(CancellationToken ct)
    {
        var configured = configuration.GetConnectionString("Unrest");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var embedded = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg", logger), logger);
        var connectionString = await embedded.EnsureStartedAsync(configuration["Embedded:Database"] ?? "unrest", ct);
        if (embedded.StartedByUs)
        {
            lifetime.ApplicationStopped.Register(() => embedded.StopIfUnusedAsync(connectionString).GetAwaiter().GetResult());
        }
        return connectionString;
    }

    /// <summary>Short timeouts so that a dead or frozen database turns into a quick 503, not a hang.</summary>
    private string WithTimeouts(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timeout = configuration.GetValue("Database:ConnectTimeoutSeconds", 3);
        builder.CommandTimeout = configuration.GetValue("Database:CommandTimeoutSeconds", 5);
        builder.CancellationTimeout = 1000;
        builder.KeepAlive = 5;
        // JIT compilation costs 100-400 ms per query here and never pays back on short keyset reads.
        builder.Options ??= "-c jit=off";
        builder.ApplicationName ??= "unrest-tracker";
        return builder.ConnectionString;
    }
}

public static class DatabaseSetup
{
    public static IServiceCollection AddUnrestDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseLocation>();
        services.AddDbContext<UnrestDb>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<DatabaseLocation>().ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<Writer>();
        return services;
    }

    /// <summary>Resolves the database, applies migrations when configured to (the default), and loads the demo data once.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        await services.GetRequiredService<DatabaseLocation>().ResolveAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        db.Database.SetConnectionString(services.GetRequiredService<DatabaseLocation>().MaintenanceConnectionString);
        if (configuration.GetValue("Database:Migrate", true))
        {
            await db.Database.MigrateAsync(ct);
        }
        if (configuration.GetValue("Demo:Load", true))
        {
            await Features.Demo.DemoData.LoadOnceAsync(scope.ServiceProvider, ct);
        }
    }
}
