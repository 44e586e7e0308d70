using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;

namespace UnrestTracker.Api.Features.Sources;

public static class SourceQueries
{
    public static Task<SourceVersion?> FindSourceAsync(this UnrestDb db, Guid id, DateTimeOffset recordedAt, CancellationToken ct) =>
        db.SourceVersions.AsNoTracking().AsRecordedAt(recordedAt).FirstOrDefaultAsync(v => v.Id == id, ct);

    /// <summary>
    /// The id, name and kind of each source among <paramref name="ids"/>, as recorded at <paramref name="recordedAt"/>,
    /// by id; every source when <paramref name="ids"/> is null (an export names its rows' sources as it streams).
    /// </summary>
    public static async Task<Dictionary<Guid, SourceBrief>> SourceBriefsAsync(
        this UnrestDb db, IEnumerable<Guid>? ids, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var sources = db.SourceVersions.AsNoTracking().AsRecordedAt(recordedAt);
        if (ids is null)
        {
            return await sources.Select(s => new SourceBrief(s.Id, s.Name, s.Kind)).ToDictionaryAsync(s => s.Id, ct);
        }
        var found = new Dictionary<Guid, SourceBrief>();
        var missing = new List<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (SettledHistory.TryGet(db, recordedAt, (typeof(SourceBrief), id), out SourceBrief kept))
            {
                found[id] = kept;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            foreach (var brief in await sources.Where(s => missing.Contains(s.Id)).Select(s => new SourceBrief(s.Id, s.Name, s.Kind)).ToListAsync(ct))
            {
                found[brief.Id] = brief;
                SettledHistory.Keep(db, recordedAt, (typeof(SourceBrief), brief.Id), brief);
            }
        }
        return found;
    }

    /// <summary>The ids among <paramref name="ids"/> that name no source.</summary>
    public static async Task<List<Guid>> MissingSourcesAsync(this UnrestDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = await db.SourceVersions.Where(v => ids.Contains(v.Id)).Select(v => v.Id).Distinct().ToListAsync(ct);
        return ids.Except(found).ToList();
    }

    /// <summary>A parent must exist and must not be the source itself or one of its descendants.</summary>
    public static async Task<string?> ParentProblemAsync(this UnrestDb db, Guid? parentId, Guid? self, CancellationToken ct)
    {
        for (var current = parentId; current is { } id;)
        {
            if (id == self)
            {
                return "A source cannot be its own ancestor.";
            }
            var parent = await db.SourceVersions.Latest().Where(v => v.Id == id).Select(v => new { v.ParentId }).FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                return id == parentId ? $"There is no source '{id}'." : null;
            }
            current = parent.ParentId;
        }
        return null;
    }
}
