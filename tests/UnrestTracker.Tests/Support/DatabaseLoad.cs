using Npgsql;

namespace UnrestTracker.Tests.Support;

/// <summary>Holding the database up as a long migration or a runaway query would, and watching the API's connections meanwhile.</summary>
public static class DatabaseLoad
{
    /// <summary>Holds an exclusive lock on a table until disposed.</summary>
    public static async Task<NpgsqlConnection> LockAsync(ApiFactory api, string table)
    {
        var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    public static async Task<List<int>> IdleApiConnectionsAsync(ApiFactory api)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = 'unrest-tracker' AND state = 'idle'", connection);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }

    public static async Task WaitForLockWaitersAsync(ApiFactory api, int count)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'unrest-tracker' AND wait_event_type = 'Lock'", connection);
        for (var attempt = 0; attempt < 200 && (long)(await command.ExecuteScalarAsync())! < count; attempt++)
        {
            await Task.Delay(50);
        }
    }
}
