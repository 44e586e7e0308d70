using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// The one place that decides which PostgreSQL the tests use: <c>ConnectionStrings__UnrestTests</c>
/// when set, otherwise the project-local embedded cluster (started like the API starts it).
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;
    private static EmbeddedPostgres? _startedHere;

    public static async Task<string> ConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is null)
            {
                var configured = Environment.GetEnvironmentVariable("ConnectionStrings__UnrestTests");
                if (!string.IsNullOrWhiteSpace(configured))
                {
                    _connectionString = configured;
                }
                else
                {
                    var embedded = new EmbeddedPostgres(EmbeddedLocations.DataDirectory("pg", NullLogger.Instance), NullLogger.Instance);
                    _connectionString = await embedded.EnsureStartedAsync("unrest_tests", CancellationToken.None);
                    _startedHere = embedded.StartedByUs ? embedded : null;
                    var started = _connectionString;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _startedHere?.StopIfUnusedAsync(started).GetAwaiter().GetResult();
                }
            }
            return _connectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Empties every table but the migrations history and the deployment's secrets; append-only triggers do not fire on TRUNCATE.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
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
