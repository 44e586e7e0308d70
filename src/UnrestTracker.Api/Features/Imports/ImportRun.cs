using Npgsql;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// An import under way, as the database knows it: its start in <c>import_runs</c> and a session advisory lock that its
/// process holds until the report is written to <c>import_reports</c>. Both tables are append-only: a run is inserted
/// once, its report once. A run without a report whose lock is free belongs to a process that died; <see cref="MarkDeadAsync"/>
/// writes its report, marked interrupted.
/// </summary>
public sealed class ImportRun : IAsyncDisposable
{
    /// <summary>The first key of the two-key advisory lock of a run (the second is a hash of its id).</summary>
    private const int LockClass = 7_301;

    private readonly NpgsqlConnection _connection;

    private ImportRun(NpgsqlConnection connection, ImportReport report) => (_connection, Report) = (connection, report);

    public ImportReport Report { get; }

    /// <summary>Takes the run's lock on a connection of its own and records the start; <c>StartedAt</c> and a missing <c>Released</c> are the database's clock.</summary>
    public static async Task<ImportRun> StartAsync(string connectionString, ImportReport report, CancellationToken ct)
    {
        // Unpooled: a pooled connection keeps its session's locks while it idles in the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT pg_advisory_lock(@class, hashtext(@id::text));
                INSERT INTO import_runs (id, dataset, file_name, released, started_at, incident, country, "from", "to", recorded_by)
                VALUES (@id, @dataset, @file, coalesce(@released, clock_timestamp()), clock_timestamp(), @incident, @country, @from, @to, @by)
                RETURNING released, started_at;
                """, connection);
            command.Parameters.AddWithValue("class", LockClass);
            command.Parameters.AddWithValue("id", report.Id);
            command.Parameters.AddWithValue("dataset", report.Dataset);
            command.Parameters.AddWithValue("file", report.FileName);
            command.Parameters.AddWithValue("released", NpgsqlTypes.NpgsqlDbType.TimestampTz, report.Released == default ? DBNull.Value : report.Released);
            command.Parameters.AddWithValue("incident", NpgsqlTypes.NpgsqlDbType.Text, (object?)report.Incident ?? DBNull.Value);
            command.Parameters.AddWithValue("country", NpgsqlTypes.NpgsqlDbType.Text, (object?)report.Country ?? DBNull.Value);
            command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.Date, (object?)report.From ?? DBNull.Value);
            command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.Date, (object?)report.To ?? DBNull.Value);
            command.Parameters.AddWithValue("by", report.RecordedBy);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            (report.Released, report.StartedAt) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
            return new ImportRun(connection, report);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes an interrupted report (of zero counts: they died with the process) for every run whose process is gone, its lock free.</summary>
    public static async Task MarkDeadAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var open = new List<Guid>();
        await using (var find = new NpgsqlCommand(
            "SELECT r.id FROM import_runs r WHERE NOT EXISTS (SELECT 1 FROM import_reports f WHERE f.id = r.id)", connection))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                open.Add(reader.GetGuid(0));
            }
        }
        var marked = 0;
        foreach (var id in open)
        {
            if (await RunAsync(connection, "SELECT pg_try_advisory_lock(@class, hashtext(@id::text))", id, ct) is not true)
            {
                continue;
            }
            marked += await RunAsync(connection, """
                INSERT INTO import_reports (id, dataset, file_name, file_bytes, file_sha256, released, started_at, finished_at, incident,
                    country, "from", "to", rows, skipped, rejected_count, rejected, adjusted_count, adjusted, events_created, events_updated,
                    events_unchanged, events_deleted, statements_created, statements_retracted, recorded_by, interrupted)
                SELECT id, dataset, file_name, 0, '', released, started_at, clock_timestamp(), incident, country, "from", "to",
                    0, 0, 0, '[]', 0, '[]', 0, 0, 0, 0, 0, 0, recorded_by, true
                FROM import_runs WHERE id = @id
                ON CONFLICT (id) DO NOTHING
                RETURNING 1
                """, id, ct) is null ? 0 : 1;
            await RunAsync(connection, "SELECT pg_advisory_unlock(@class, hashtext(@id::text))", id, ct);
        }
        if (marked > 0)
        {
            logger.LogWarning("Marked {Count} import(s) left unfinished by a process that is gone as interrupted", marked);
        }
    }

    private static async Task<object?> RunAsync(NpgsqlConnection connection, string sql, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("class", LockClass);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Releases the lock (by closing the run's connection): call once the report is written, or when it cannot be.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
