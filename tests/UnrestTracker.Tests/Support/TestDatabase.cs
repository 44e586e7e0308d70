using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// The one place that decides which PostgreSQL the tests use: <c>ConnectionStrings__UnrestTests</c> (the
/// owner) and <c>ConnectionStrings__UnrestTestsApi</c> (the API's role) when set, otherwise the
/// project-local embedded cluster (started like the API starts it, with the same two roles).
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestConnections? _connections;
    private static EmbeddedPostgres? _startedHere;

    public static async Task<TestConnections> ConnectionsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_connections is null)
            {
                var configured = Environment.GetEnvironmentVariable("ConnectionStrings__UnrestTests");
                if (!string.IsNullOrWhiteSpace(configured))
                {
                    var api = Environment.GetEnvironmentVariable("ConnectionStrings__UnrestTestsApi");
                    _connections = new(configured, string.IsNullOrWhiteSpace(api) ? configured : api);
                }
                else
                {
                    var embedded = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg", NullLogger.Instance), NullLogger.Instance);
                    _connections = await StartAsync(embedded, "unrest_tests");
                    _startedHere = embedded.StartedByUs ? embedded : null;
                    var started = _connections.Owner;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _startedHere?.StopIfUnusedAsync(started).GetAwaiter().GetResult();
                }
            }
            return _connections;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Starts (or reuses) an embedded cluster and hands out both of its roles' connections to one database.</summary>
    public static async Task<TestConnections> StartAsync(EmbeddedPostgres embedded, string database)
    {
        var owner = await embedded.EnsureStartedAsync(database, CancellationToken.None);
        return new(owner, embedded.ApiConnectionString(owner));
    }

    /// <summary>Empties every table but the migrations history and the deployment's secrets; append-only triggers do not fire on TRUNCATE.</summary>
    public static async Task ResetAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history", "deployment_secrets"],
        });
        await _respawner.ResetAsync(connection);
    }

    private static Respawner? _respawner;
}

/// <summary>The tables' owner (migrations, resets: tests only) and the API's least-privilege role.</summary>
public sealed record TestConnections(string Owner, string Api);
