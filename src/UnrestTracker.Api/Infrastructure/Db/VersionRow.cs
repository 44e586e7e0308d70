namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// One immutable version of an editable resource. A resource is the chain of its
/// versions; the current one is the highest <see cref="Version"/>, and "as recorded at T"
/// is the highest one with <see cref="RecordedAt"/> &lt;= T.
/// </summary>
public abstract class VersionRow
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>The record's id in another dataset, e.g. { "system": "acled", "id": "KAZ2811" }, with a link where there is one.</summary>
public sealed record ExternalRef(string System, string Id, string? Url = null)
{
    public string Key => $"{System}:{Id}";
}
