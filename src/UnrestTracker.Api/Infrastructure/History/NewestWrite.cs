using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>
/// W: the newest write (its change's seq and time) of the server that answers, read from its change log (one probe of
/// the primary key's index), never from this process's memory: a CLI import or another instance writes too.
/// </summary>
public sealed record NewestWrite(long Seq, DateTimeOffset At)
{
    private const string Key = "unrest.newestWrite";
    private const string Query = "SELECT seq, at FROM changes ORDER BY seq DESC LIMIT 1";

    public static NewestWrite? Of(HttpContext http) => http.Items.TryGetValue(Key, out var value) ? value as NewestWrite : null;

    /// <summary>Keeps a position already read on the answering connection (read routing reads one), sparing a probe.</summary>
    public static void Remember(HttpContext http, long seq, DateTimeOffset? at)
    {
        if (at is { } newest)
        {
            http.Items[Key] = new NewestWrite(seq, newest);
        }
    }

    /// <summary>
    /// The request's W, probed on the connection its <see cref="UnrestDb"/> will answer on; null while nothing was written.
    /// <paramref name="probe"/>: read it again even if read routing remembered one (inside the read's snapshot).
    /// </summary>
    public static async Task<NewestWrite?> OfAsync(HttpContext http, UnrestDb db, bool probe = false)
    {
        if (!probe && Of(http) is { } known)
        {
            return known;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(http.RequestAborted);
        }
        try
        {
            if (await ProbeAsync(connection, http.RequestAborted) is { } newest)
            {
                Remember(http, newest.Seq, newest.At);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
        return Of(http);
    }

    /// <summary>The newest write <paramref name="connection"/> sees (in its transaction, when one is open); null while nothing was written.</summary>
    public static async Task<NewestWrite?> ProbeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new NewestWrite(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }
}
