using System.Globalization;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>
/// The newest changes of the primary, read once per wake-up for every stream that reads the primary: with a thousand
/// streams open, a write costs two queries instead of two per stream. Each change carries the incidents it belongs to
/// (the rule of <see cref="ChangeFeed.OfIncident"/>, at the moment it was read), so the stream's filters apply in
/// memory. The window holds every change in (<see cref="TailWindow.From"/>, <see cref="TailWindow.Through"/>], at most
/// <c>Streams:TailSize</c> of them; a stream further behind reads the database itself until it catches up.
/// </summary>
public sealed class ChangeTail(DatabaseLocation location, ChangeSignal signal, IConfiguration configuration)
{
    private const string Read = """
        SELECT c.seq, c.entity, c.entity_id, c.op, c.at, c.by,
               CASE c.entity
                 WHEN 'incident' THEN ARRAY[c.entity_id]
                 WHEN 'event' THEN ARRAY(SELECT DISTINCT v.incident_id FROM event_versions v WHERE v.id = c.entity_id)
                 WHEN 'source' THEN '{}'::uuid[]
                 ELSE ARRAY(SELECT DISTINCT s.incident_id FROM statement_versions s WHERE s.id = c.entity_id)
               END
        FROM changes c
        WHERE c.seq > $1 AND c.seq <= $2
        ORDER BY c.seq
        LIMIT $3
        """;

    private readonly int _size = Math.Max(10, configuration.GetValue("Streams:TailSize", 4096));
    private readonly SemaphoreSlim _reading = new(1, 1);
    private TailWindow? _window;

    /// <summary>
    /// A window that holds at least every change up to the newest seq the signal has seen; read from the primary by
    /// the first stream that asks after a wake-up, while the others wait for that one read.
    /// </summary>
    public async Task<TailWindow> CurrentAsync(CancellationToken ct)
    {
        var wanted = signal.Newest;
        if (Volatile.Read(ref _window) is { } window && window.Through >= wanted)
        {
            return window;
        }
        await _reading.WaitAsync(ct);
        try
        {
            if (_window is { } read && read.Through >= wanted)
            {
                return read;
            }
            return _window = await ReadAsync(_window, ct);
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<TailWindow> ReadAsync(TailWindow? window, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync(ct);
        await using var newestCommand = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM changes", connection);
        var newest = (long)(await newestCommand.ExecuteScalarAsync(ct))!;
        // A first read, or one after the log moved further than the window holds, starts the window afresh.
        if (window is null || newest - window.Through > _size || newest < window.Through)
        {
            return new TailWindow(newest, newest, []);
        }
        await using var command = new NpgsqlCommand(Read, connection) { Parameters = { new() { Value = window.Through }, new() { Value = newest }, new() { Value = _size } } };
        var fresh = new List<TailChange>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                fresh.Add(new TailChange(new ChangeResponse(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)), reader.GetFieldValue<Guid[]>(6)));
            }
        }
        return window.Then(fresh, newest, _size);
    }
}

/// <summary>A change, the incidents it belongs to, and its Server-Sent Event, written once for every stream that sends it.</summary>
public sealed record TailChange(ChangeResponse Change, Guid[] Incidents)
{
    public string Event { get; } = string.Create(CultureInfo.InvariantCulture,
        $"id: {Change.Seq}\nevent: change\ndata: {JsonSerializer.Serialize(Change, JsonSetup.Options)}\n\n");
}

/// <summary>Every change with <c>From &lt; seq &lt;= Through</c>, in seq order.</summary>
public sealed record TailWindow(long From, long Through, IReadOnlyList<TailChange> Changes)
{
    public TailWindow Then(List<TailChange> fresh, long through, int size)
    {
        var all = Changes.Concat(fresh).ToList();
        var dropped = Math.Max(0, all.Count - size);
        var from = dropped == 0 ? From : all[dropped - 1].Change.Seq;
        return new TailWindow(from, through, all.GetRange(dropped, all.Count - dropped));
    }

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="position"/> that pass the filter.</summary>
    public List<TailChange> After(long position, ChangeFilter filter, int limit)
    {
        var first = BinarySearch(position);
        var found = new List<TailChange>();
        for (var i = first; i < Changes.Count && found.Count < limit; i++)
        {
            var (change, incidents) = (Changes[i].Change, Changes[i].Incidents);
            if ((filter.Entities is null || filter.Entities.Contains(change.Entity))
                && (filter.IncidentId is not { } incident || incidents.Contains(incident)))
            {
                found.Add(Changes[i]);
            }
        }
        return found;
    }

    /// <summary>The index of the first change after the position.</summary>
    private int BinarySearch(long position)
    {
        var (low, high) = (0, Changes.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = Changes[middle].Change.Seq <= position ? (middle + 1, high) : (low, middle);
        }
        return low;
    }
}
