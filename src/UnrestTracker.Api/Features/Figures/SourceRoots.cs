using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>Each source's root (following parentId to a source without a parent) as recorded at a moment: who is independent of whom.</summary>
public sealed class SourceRoots(Dictionary<Guid, Guid?> parents)
{
    /// <summary>Sources none of which has a parent: each is its own root.</summary>
    public static readonly SourceRoots OwnRoots = new([]);

    /// <summary>The parent chains of <paramref name="sources"/> only, in one statement (a cycle ends where it repeats).</summary>
    public static async Task<SourceRoots> OfAsync(UnrestDb db, DateTimeOffset recordedAt, IEnumerable<Guid> sources, CancellationToken ct)
    {
        var ids = sources.Distinct().ToArray();
        var chains = ids.Length == 0 ? [] : await db.Database.SqlQuery<Link>($"""
            WITH RECURSIVE chain(id, parent_id) AS (
                SELECT s.id, s.parent_id FROM source_versions_at({recordedAt}) s WHERE s.id = ANY ({ids})
              UNION
                SELECT p.id, p.parent_id FROM chain c JOIN source_versions_at({recordedAt}) p ON p.id = c.parent_id
            )
            SELECT id, parent_id FROM chain
            """).ToListAsync(ct);
        return new(chains.DistinctBy(c => c.Id).ToDictionary(c => c.Id, c => c.ParentId));
    }

    private sealed class Link
    {
        public Guid Id { get; init; }
        public Guid? ParentId { get; init; }
    }

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
