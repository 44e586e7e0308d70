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

    private static readonly string[] Kept = ["__ef_migrations_history", "deployment_secrets"];

    /// <summary>
    /// Empties every table but the migrations history and the deployment's secrets. As a superuser (the embedded
    /// cluster's owner) by DELETE in replica mode, which skips the append-only, foreign-key and read-model triggers:
    /// TRUNCATE gives each table and index new files, about 120 a reset, and the checkpoints of a whole run then fsynced
    /// over 110,000 files and stalled the heaviest writers (a UCDP import ran past its two-minute batch timeout). An
    /// owner that is no superuser truncates (Respawn), where append-only triggers do not fire either.
    /// </summary>
    public static async Task ResetAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        _deletes ??= await DeletesAsync(connection);
        if (_deletes.Length > 0)
        {
            await using var delete = new NpgsqlCommand(_deletes, connection);
            await delete.ExecuteNonQueryAsync();
            return;
        }
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = Kept.Select(t => new Respawn.Graph.Table(t)).ToArray(),
        });
        await _respawner.ResetAsync(connection);
    }

    /// <summary>One transaction of DELETEs in replica mode, or empty when the owner is no superuser.</summary>
    private static async Task<string> DeletesAsync(NpgsqlConnection connection)
    {
        await using var query = new NpgsqlCommand("""
            SELECT CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                THEN 'BEGIN; SET LOCAL session_replication_role = replica; '
                     || string_agg(format('DELETE FROM public.%I;', tablename), ' ' ORDER BY tablename) || ' COMMIT;'
                ELSE '' END
            FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY (@kept)
            """, connection);
        query.Parameters.AddWithValue("kept", Kept);
        return (string?)await query.ExecuteScalarAsync() ?? "";
    }

    private static string? _deletes;
    private static Respawner? _respawner;
}

/// <summary>The tables' owner (migrations, resets: tests only) and the API's least-privilege role.</summary>
public sealed record TestConnections(string Owner, string Api);
