using System.Linq.Expressions;

namespace UnrestTracker.Api.Infrastructure.Db;

public static class VersionQueries
{
    /// <summary>
    /// The version of each resource that was current when the database stood at
    /// <paramref name="recordedAt"/>: a version recorded by then with no later one recorded by then.
    /// Writes are serialised, so a later version always has a later <c>recorded_at</c>;
    /// the anti-join is one probe of the (id, version) primary key.
    /// </summary>
    public static IQueryable<T> AsRecordedAt<T>(this IQueryable<T> versions, DateTimeOffset recordedAt)
        where T : VersionRow =>
        versions.Where(Visible<T>(versions, recordedAt));

    /// <summary>The newest version of each resource, whenever recorded: what a write builds on.</summary>
    public static IQueryable<T> Latest<T>(this IQueryable<T> versions) where T : VersionRow =>
        versions.Where(v => !versions.Any(later => later.Id == v.Id && later.Version > v.Version));

    private static Expression<Func<T, bool>> Visible<T>(IQueryable<T> all, DateTimeOffset t) where T : VersionRow =>
        v => v.RecordedAt <= t && !all.Any(later => later.Id == v.Id && later.Version > v.Version && later.RecordedAt <= t);
}
