using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
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

    /// <summary>
    /// Empties every table but the migrations history and the deployment's secrets; append-only triggers do not fire on TRUNCATE.
    /// Only the tables a test wrote are truncated: TRUNCATE gives a table and each of its indexes new files, which the next
    /// checkpoint must sync, and most tests write to a few of the 25.
    /// </summary>
    public static async Task ResetAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        _tables ??= await TextsAsync(connection, """
            SELECT coalesce(array_agg(quote_ident(tablename) ORDER BY tablename), '{}') FROM pg_tables
            WHERE schemaname = 'public' AND tablename NOT IN ('__ef_migrations_history', 'deployment_secrets')
            """);
        var written = await TextsAsync(connection,
            $"SELECT array_remove(ARRAY[{string.Join(", ", _tables.Select(t => $"CASE WHEN EXISTS (SELECT 1 FROM {t}) THEN '{t}' END"))}]::text[], NULL)");
        if (written.Length > 0)
        {
            await using var command = new NpgsqlCommand($"TRUNCATE {string.Join(", ", written)} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The text[] that <paramref name="sql"/> answers in one row.</summary>
    private static async Task<string[]> TextsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string[])(await command.ExecuteScalarAsync())!;
    }

    private static string[]? _tables;
}

/// <summary>The tables' owner (migrations, resets: tests only) and the API's least-privilege role.</summary>
public sealed record TestConnections(string Owner, string Api);
