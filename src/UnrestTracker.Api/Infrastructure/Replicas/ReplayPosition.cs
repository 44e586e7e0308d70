using System.Data;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Replicas;

/// <summary>
/// Where one server stands in history, read on the connection that will answer: whether it is a replica
/// (<c>pg_is_in_recovery()</c>), its replay lag, and the newest write it has (the change log's last seq and
/// its <c>at</c>). Writes are serialised by one lock with the clock read after it (<see cref="Db.Writer"/>), so
/// commit order, <c>recorded_at</c> order and seq order agree: a server that has the write at T has every write
/// recorded by T. <c>pg_last_xact_replay_timestamp()</c> alone would not prove it (key bookkeeping and
/// idempotency purges commit too), nor would <c>recorded_at</c> alone (stamped before commit).
/// </summary>
public sealed record ReplayPosition(bool InRecovery, double LagSeconds, long Seq, DateTimeOffset? At)
{
    /// <summary>
    /// Replay lag in seconds, PostgreSQL's usual measure: 0 when everything received is replayed, otherwise the time
    /// since the last replayed transaction committed on the primary (since start-up when none was replayed yet).
    /// </summary>
    private const string Query = """
        SELECT pg_is_in_recovery(),
               CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                    ELSE extract(epoch FROM clock_timestamp() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()))::float8
               END,
               newest.seq, newest.at
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT seq, at FROM changes ORDER BY seq DESC LIMIT 1) AS newest ON true
        """;

    public static async Task<ReplayPosition> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            await using var command = new NpgsqlCommand(Query, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new ReplayPosition(
                reader.GetBoolean(0), reader.GetDouble(1),
                reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>
    /// Whether this server has every write recorded by <paramref name="recordedAsOf"/>: it has one recorded at or
    /// after it, or it has all that the primary had at <paramref name="horizon"/>, which is no earlier.
    /// </summary>
    public bool Covers(DateTimeOffset recordedAsOf, PrimaryHorizon? horizon) =>
        At >= recordedAsOf || horizon is not null && horizon.At >= recordedAsOf && Seq >= horizon.Seq;
}

/// <summary>
/// What the primary had committed at its clock <see cref="At"/>: every write recorded by then has a seq up to
/// <see cref="Seq"/> (read while holding the write lock, so no write stamped earlier was still in flight).
/// </summary>
public sealed record PrimaryHorizon(DateTimeOffset At, long Seq);
