using Microsoft.EntityFrameworkCore;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>What a write knows about itself: when it is recorded, by whom, and what it changed.</summary>
public sealed class WriteBatch(DateTimeOffset at, string by)
{
    private readonly List<Change> _changes = [];

    public DateTimeOffset At { get; } = at;
    public string By { get; } = by;
    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>Version 1 of a new resource, stamped with this write's time and author.</summary>
    public T FirstVersion<T>() where T : VersionRow, new() => Stamp<T>(Guid.CreateVersion7(), 1, At);

    /// <summary>The version after <paramref name="current"/>, stamped with this write's time and author.</summary>
    public T NextVersion<T>(T current) where T : VersionRow, new() => Stamp<T>(current.Id, current.Version + 1, current.CreatedAt);

    private T Stamp<T>(Guid id, int version, DateTimeOffset createdAt) where T : VersionRow, new() =>
        new() { Id = id, Version = version, CreatedAt = createdAt, RecordedAt = At, RecordedBy = By };

    public void Record(string entity, Guid id, string op) =>
        _changes.Add(new Change { Entity = entity, EntityId = id, Op = op, At = At, By = By });

    /// <summary>The changes recorded so far, handed over to be written by the caller (a bulk path), and forgotten here.</summary>
    public List<Change> TakeChanges()
    {
        var taken = _changes.ToList();
        _changes.Clear();
        return taken;
    }
}

/// <summary>
/// Runs every write under one transaction-scoped advisory lock. Serialising writes makes
/// three promises cheap: change-feed sequence numbers follow commit order (no poller can
/// skip a write committed late), <c>recorded_at</c> grows with every version, and
/// check-then-insert rules (slug uniqueness, one retraction per statement) are race free.
/// Writes here are a journalist's edits, not a firehose, so the lost write concurrency is cheap.
/// </summary>
public sealed class Writer(UnrestDb db)
{
    /// <summary>The advisory lock every write holds until it commits (also taken, briefly, to read the primary's horizon).</summary>
    public const long WriteLockKey = 7_301_2022;

    public async Task<T> WriteAsync<T>(string by, Func<WriteBatch, Task<T>> work, CancellationToken ct)
    {
        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var batch = new WriteBatch(await LockAsync(ct), by);
        var result = await work(batch);
        foreach (var change in batch.Changes)
        {
            db.Changes.Add(change);
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// Takes the write lock (re-entrant within a transaction) and returns the transaction's time: the time the
    /// database's triggers stamp on every history row of this transaction (see migration TransactionTime).
    /// </summary>
    public async Task<DateTimeOffset> LockAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<DateTimeOffset>($"SELECT public.history_stamp() AS \"Value\"").SingleAsync(ct);
}
