using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Incidents;

public static class IncidentQueries
{
    /// <summary>
    /// Resolves an <c>{incident}</c> segment: a UUID-shaped one is an id, anything else a slug
    /// (the slug of the incident's version current at <paramref name="recordedAt"/>).
    /// </summary>
    public static async Task<IncidentVersion?> FindAsync(this UnrestDb db, string incident, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var visible = db.IncidentVersions.AsNoTracking().AsRecordedAt(recordedAt);
        return Guid.TryParse(incident, out var id)
            ? await visible.FirstOrDefaultAsync(v => v.Id == id, ct)
            : await visible.FirstOrDefaultAsync(v => v.Slug == incident, ct);
    }

    /// <summary>Whether another incident currently holds this slug.</summary>
    public static Task<bool> SlugTakenAsync(this UnrestDb db, string slug, Guid? except, CancellationToken ct) =>
        db.IncidentVersions.Latest().AnyAsync(v => v.Slug == slug && v.Id != except, ct);
}
