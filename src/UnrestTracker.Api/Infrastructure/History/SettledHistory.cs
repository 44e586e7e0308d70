using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>
/// Small answers about history as recorded at a settled moment T, kept in memory: who a source was, which incident a slug
/// names. T is settled when it is at or before the newest write W that a read probed (<see cref="UnrestDb.SettledAt"/>):
/// writes are stamped in commit order under one lock (<see cref="Writer"/>), so every later write is stamped after W and
/// what was recorded by T never changes. Reads of the present all ask at W, so after the first one they find their
/// lookups here; the next write moves W and the kept moment with it. Writes, exports and the command line set no settled
/// moment and always ask the database.
/// </summary>
public static class SettledHistory
{
    private const int MaxKept = 10_000;

    private sealed record Slot(DateTimeOffset At, ConcurrentDictionary<object, object> Answers);

    // One slot per database (the primary and each replica have their own connection string), for the newest moment asked.
    private static readonly ConcurrentDictionary<string, Slot> Slots = new(StringComparer.Ordinal);

    /// <summary>The answer kept for <paramref name="key"/> as recorded at <paramref name="at"/>, when that moment is settled and one is kept.</summary>
    public static bool TryGet<T>(UnrestDb db, DateTimeOffset at, object key, out T value)
    {
        if (SlotOf(db, at) is { } slot && slot.Answers.TryGetValue(key, out var kept))
        {
            value = (T)kept;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Keeps an answer read from the database as recorded at <paramref name="at"/>, when that moment is settled.</summary>
    public static void Keep(UnrestDb db, DateTimeOffset at, object key, object value)
    {
        if (SlotOf(db, at) is { } slot && slot.Answers.Count < MaxKept)
        {
            slot.Answers.TryAdd(key, value);
        }
    }

    /// <summary>The slot of a settled <paramref name="at"/>, a new one when it is later than the kept one; null otherwise.</summary>
    private static Slot? SlotOf(UnrestDb db, DateTimeOffset at)
    {
        if (db.SettledAt is not { } settled || at > settled)
        {
            return null;
        }
        var slot = Slots.AddOrUpdate(db.Database.GetConnectionString() ?? "", _ => new Slot(at, new()), (_, kept) => at > kept.At ? new Slot(at, new()) : kept);
        return slot.At == at ? slot : null;
    }
}
