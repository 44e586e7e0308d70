using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// Answers "now" (no asOf, no recordedAsOf) remembered per history prefix (<see cref="HistoryPrefix"/>); a read of another
/// moment is computed for its request alone, so distinct moments cannot fill the memory or start unbounded work. An answer that is a function of its inputs and of
/// the rows recorded by a moment stays true for the seq of the newest change recorded by then, because history is
/// append-only; a key that holds that seq is passed over by the next write without being told. Used where an answer
/// costs what the database holds rather than what it returns (eventSums of a large incident, the current figures of
/// the whole database), so that it is paid once per write rather than once per request.
/// <para>
/// Concurrent requests for one key wait for one computation. It runs in a REPEATABLE READ transaction (its statements
/// see one snapshot, whose prefix it reads itself) with <c>Database:MemoStatementTimeoutSeconds</c> (default 30) instead
/// of the request timeout: an answer too slow for one request would otherwise never be remembered. Bounded: at most
/// <see cref="Capacity"/> items; an answer that does not fit is returned but not kept, and half of the memory is
/// freed (least recently used first) for the next one.
/// </para>
/// </summary>
public sealed class HistoryMemo(IConfiguration configuration) : IDisposable
{
    /// <summary>Items held at most; an entry counts its items plus one (an item is a group or a candidate figure: tens of bytes).</summary>
    public const int Capacity = 1_000_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.5 });
    private readonly ConcurrentDictionary<object, Task<object>> _flights = new();
    private readonly int _timeoutSeconds = configuration.GetValue("Database:MemoStatementTimeoutSeconds", 30);

    /// <summary>
    /// The answer for the moment of <paramref name="time"/>: remembered or computed now for "now", computed for another moment.
    /// <paramref name="keyOf"/> makes the key, a record of the answer's inputs and of the given prefix; <paramref name="compute"/>
    /// computes the answer inside the memo's transaction and returns it with how many items it holds; <paramref name="known"/> is the
    /// prefix of the snapshot the request already reads in (its W, <see cref="History.HistoryAnswer"/>), sparing a probe.
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(UnrestDb db, TimeTravel time, Func<HistoryPrefix, object> keyOf,
        Func<CancellationToken, Task<(T Value, int Items)>> compute, CancellationToken ct, HistoryPrefix? known = null) where T : class
    {
        if (time.AsOf is not null || time.RecordedAsOf is not null)
        {
            // A moment in the past: computed for this request alone (ReadAdmission caps how many run at once).
            return (await compute(ct)).Value;
        }
        var recordedAt = time.AnsweredAt;
        var prefix = known ?? await HistoryPrefix.AtAsync(db, recordedAt, ct);
        var key = keyOf(prefix);
        if (_cache.TryGetValue(key, out T? remembered))
        {
            return remembered!;
        }
        var flight = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _flights.GetOrAdd(key, flight.Task);
        if (running != flight.Task)
        {
            try
            {
                return (T)await running.WaitAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The request that computed it failed or left: try once more here.
            }
        }
        try
        {
            var value = await ComputeAsync(db, keyOf, recordedAt, compute, known, ct);
            flight.TrySetResult(value);
            return value;
        }
        catch (Exception e)
        {
            flight.TrySetException(e);
            _ = flight.Task.Exception; // observed: the waiters compute themselves
            throw;
        }
        finally
        {
            _flights.TryRemove(KeyValuePair.Create(key, flight.Task));
        }
    }

    private async Task<T> ComputeAsync<T>(UnrestDb db, Func<HistoryPrefix, object> keyOf, DateTimeOffset recordedAt,
        Func<CancellationToken, Task<(T Value, int Items)>> compute, HistoryPrefix? known, CancellationToken ct) where T : class
    {
        db.Database.SetCommandTimeout(_timeoutSeconds + 2);
        try
        {
            // A read of the present already runs in its snapshot (History.HistoryAnswers); otherwise one of its own.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
            await db.Database.ExecuteSqlAsync($"SELECT set_config('statement_timeout', {(_timeoutSeconds * 1000).ToString()}, true)", ct);
            var prefix = transaction is null && known is { } inSnapshot ? inSnapshot : await HistoryPrefix.AtAsync(db, recordedAt, ct);
            var (value, items) = await compute(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            _cache.Set(keyOf(prefix), value, new MemoryCacheEntryOptions { Size = items + 1, SlidingExpiration = TimeSpan.FromHours(1) });
            return value;
        }
        finally
        {
            db.Database.SetCommandTimeout(null);
        }
    }

    /// <summary>Forgets everything: for a database whose history was replaced under the running API (tests reset theirs).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
