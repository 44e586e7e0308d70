using Npgsql;

namespace UnrestTracker.Api.Features.ReadModel;

/// <summary>
/// Every figure's status "now" as the writes keep it (<c>figure_status_now</c>, migration StatusNow), rebuilt from history
/// or compared with the time-travel definition (<c>figure_statuses('infinity', 'infinity')</c>), as the owner.
/// </summary>
public static class StatusNow
{
    /// <summary>One row per figure whose kept status differs from the definition's (or is missing on one side).</summary>
    private const string DifferencesSql = """
        SELECT coalesce(n.figure_id, d.id)::text, n.version, n.status, n.series_key, d.version, d.status, d.series_key
        FROM figure_status_now n
        FULL JOIN (SELECT s.id, s.version, s.status, f.series_key, f.source_id, f.incident_id, f.event_id
                   FROM figure_statuses('infinity', 'infinity') s JOIN figure_versions f ON f.id = s.id AND f.version = s.version) d
          ON d.id = n.figure_id
        WHERE n.figure_id IS NULL OR d.id IS NULL
           OR (n.version, n.status, n.series_key, n.source_id, n.incident_id, n.event_id)
              IS DISTINCT FROM (d.version, d.status, d.series_key, d.source_id, d.incident_id, d.event_id)
        ORDER BY 1
        """;

    /// <summary>Empties the table and fills it again from history in one transaction, under the write lock.</summary>
    public static async Task<long> RebuildAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var rebuild = new NpgsqlCommand("SELECT rebuild_figure_status_now()", connection, transaction))
        {
            await rebuild.ExecuteNonQueryAsync(ct);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM figure_status_now", connection, transaction);
        var rows = (long)(await count.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>The figures whose kept status is not the definition's, one line each: id, then kept and defined (version, status, series).</summary>
    public static async Task<List<string>> DifferencesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(DifferencesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var differences = new List<string>();
        string Part(int i) => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString()!;
        while (await reader.ReadAsync(ct))
        {
            differences.Add($"{reader.GetString(0)}: kept {Part(1)} {Part(2)} {Part(3)}; defined {Part(4)} {Part(5)} {Part(6)}");
        }
        return differences;
    }
}
