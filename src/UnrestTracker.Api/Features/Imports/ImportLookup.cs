using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>What the database already holds for a batch's rows: their events and the dataset's last counts for each.</summary>
public static class ImportLookup
{
    public sealed record Count(Metric Metric, string? Subject, Qualifier Qualifier, decimal? Value, decimal? Low, decimal? High)
    {
        public static Count Of(FigureRequest f) => new(f.Metric!.Value, f.Subject, f.Qualifier!.Value, f.Value, f.Low, f.High);
    }

    /// <summary>The dataset's latest standing statement on an event: when it was stated and the counts it gave.</summary>
    public sealed record Counts(DateTimeOffset StatedAt, List<Count> Figures)
    {
        public bool SameCounts(IEnumerable<FigureRequest> figures) =>
            Figures.Order(Comparer).SequenceEqual(figures.Select(Count.Of).Order(Comparer));

        private static readonly Comparer<Count> Comparer = Comparer<Count>.Create((a, b) =>
            (a.Metric, a.Subject ?? "", a.Qualifier).CompareTo((b.Metric, b.Subject ?? "", b.Qualifier)));
    }

    /// <summary>The dataset's source (by its name and kind), or null before its first import.</summary>
    public static Task<Guid?> SourceIdAsync(UnrestDb db, IDatasetLayout layout, CancellationToken ct) =>
        db.SourceVersions.AsNoTracking().Latest().Where(s => s.Name == layout.SourceName && s.Kind == layout.SourceKind)
            .OrderBy(s => s.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    /// <summary>The newest version of each event that carries one of <paramref name="keys"/> and is not tombstoned, by key.</summary>
    public static async Task<Dictionary<string, EventVersion>> EventsAsync(UnrestDb db, string[] keys, CancellationToken ct)
    {
        // One containment probe (@>) of the GIN index on external_keys per key. Not `external_keys && keys`: the
        // planner costs that overlap as one comparison per row, not one per key, so with the statistics of a table
        // still filling up it chose a sequential scan comparing every row with all the batch's keys (measured:
        // 80-170 ms a batch at 16k events, growing with the table). A plain join on @> was not enough once the table is
        // read through event_versions_at: the planner filtered the whole table once and compared every key with every row
        // (7-9 s a batch of the Syria file). The LATERAL subquery, kept apart by OFFSET 0, runs once per key with the
        // key as its only condition, so its one plan is the index probe.
        var events = await db.EventVersions.FromSql($"""
            SELECT DISTINCT ON (e.id, e.version) e.* FROM unnest({keys}) AS k(key)
            CROSS JOIN LATERAL (SELECT * FROM event_versions_at('infinity') v WHERE v.external_keys @> ARRAY[k.key] OFFSET 0) e
            """).AsNoTracking().ToListAsync(ct);
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var byKey = new Dictionary<string, EventVersion>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.CreatedAt))
        {
            foreach (var key in e.ExternalKeys.Where(wanted.Contains))
            {
                byKey[key] = e;
            }
        }
        return byKey;
    }

    /// <summary>
    /// The keys whose newest event we deleted ourselves (not upstream): a later row of such a key creates nothing, or an
    /// event deleted as a duplicate would come back with every import. Only an upstream deletion lets a new event in.
    /// </summary>
    public static async Task<HashSet<string>> DeletedHereAsync(UnrestDb db, string[] keys, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"""
            SELECT k.key AS "Value" FROM unnest({keys}) AS k(key)
            CROSS JOIN LATERAL (SELECT e.id FROM event_versions e WHERE e.external_keys @> ARRAY[k.key]
                                ORDER BY e.created_at DESC, e.id DESC LIMIT 1) newest
            JOIN tombstones t ON t.entity = {ChangeEntities.Event} AND t.entity_id = newest.id AND t.reason <> {AcledDeletions.TombstoneReason}
            """).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>For each event, the source's latest statement naming it that is neither retracted nor withdrawn.</summary>
    public static async Task<Dictionary<Guid, Counts>> CountsAsync(UnrestDb db, Guid sourceId, List<Guid> eventIds, CancellationToken ct)
    {
        if (eventIds.Count == 0)
        {
            return [];
        }
        var statements = await db.StatementVersions.FromSql($"SELECT * FROM standing_statements('infinity', 'infinity')").AsNoTracking()
            .Where(s => s.SourceId == sourceId && s.EventId != null && eventIds.Contains(s.EventId.Value))
            .Select(s => new { s.Id, EventId = s.EventId!.Value, s.StatedAt, s.RecordedAt, s.Version })
            .ToListAsync(ct);
        var latest = statements.GroupBy(s => s.EventId)
            .Select(g => g.OrderByDescending(s => s.StatedAt).ThenByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id).First())
            .ToList();
        var ids = latest.Select(s => s.Id).ToList();
        var figures = await db.FigureVersions.FromSql($"SELECT * FROM figure_versions_at('infinity')").AsNoTracking()
            .Where(f => ids.Contains(f.StatementId))
            .Select(f => new { f.StatementId, Count = new Count(f.Metric, f.Subject, f.Qualifier, f.Value, f.Low, f.High) })
            .ToListAsync(ct);
        var byStatement = figures.ToLookup(f => f.StatementId, f => f.Count);
        return latest.ToDictionary(s => s.EventId, s => new Counts(s.StatedAt, byStatement[s.Id].ToList()));
    }
}
