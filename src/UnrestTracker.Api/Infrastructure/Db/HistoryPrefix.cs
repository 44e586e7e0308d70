using Microsoft.EntityFrameworkCore;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// How much of history a read at a moment sees: the newest change recorded by then, its seq and its time. Every write
/// records its changes at the time it stamps its rows (<see cref="WriteBatch.At"/>), and writes are serialised with the
/// clock read after the lock (<see cref="Writer"/>), so the committed writes recorded by a moment are exactly those with
/// a seq up to this one: two reads that get the same prefix see the same rows, whatever moments they asked about.
/// The time is there for a database restored from a backup, whose next writes reuse seqs of the lost ones.
/// </summary>
public readonly record struct HistoryPrefix(long Seq, DateTimeOffset? At)
{
    /// <summary>The prefix recorded by <paramref name="recordedAt"/>; (0, null) before the first write. One probe of ix_changes_at_seq.</summary>
    public static async Task<HistoryPrefix> AtAsync(UnrestDb db, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var newest = await db.Changes.AsNoTracking().Where(c => c.At <= recordedAt).OrderByDescending(c => c.At).ThenByDescending(c => c.Seq)
            .Select(c => new { c.Seq, c.At }).FirstOrDefaultAsync(ct);
        return newest is null ? default : new HistoryPrefix(newest.Seq, newest.At);
    }
}
