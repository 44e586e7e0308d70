using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>Each source's root (following parentId to a source without a parent) as recorded at a moment: who is independent of whom.</summary>
public sealed class SourceRoots(Dictionary<Guid, Guid?> parents)
{
    public static async Task<SourceRoots> AtAsync(UnrestDb db, DateTimeOffset recordedAt, CancellationToken ct) =>
        new(await db.SourceVersions.AsNoTracking().AsRecordedAt(recordedAt).ToDictionaryAsync(s => s.Id, s => s.ParentId, ct));

    public Guid RootOf(Guid source)
    {
        var seen = new HashSet<Guid>();
        while (parents.GetValueOrDefault(source) is { } parent && seen.Add(source))
        {
            source = parent;
        }
        return source;
    }

    /// <summary>How many distinct roots <paramref name="sources"/> have.</summary>
    public int Count(IEnumerable<Guid> sources) => sources.Select(RootOf).Distinct().Count();
}
