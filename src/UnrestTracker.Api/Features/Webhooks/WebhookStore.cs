using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>
/// Webhooks and their delivery log, always on the primary (delivery state is read and written together, and an admin
/// reads what they just wrote). Bookkeeping, not history: no change-log entry, no write lock.
/// </summary>
public sealed class WebhookStore(DatabaseLocation location)
{
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params object?[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A command with positional parameters ($1, $2, …); null is sent as NULL of the column's type.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter { Value = value });
        }
        return command;
    }

    public async Task<Webhook?> FindAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Webhook.Columns} FROM webhooks WHERE id = $1", Webhook.Read, ct, id)).SingleOrDefault();
}
