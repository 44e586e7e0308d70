namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>One write, in commit order. See <see cref="Writer"/> for why seq follows commit order.</summary>
public sealed class Change
{
    public long Seq { get; set; }
    public string Entity { get; set; } = "";
    public Guid EntityId { get; set; }
    public string Op { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}

public static class ChangeOps
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Retracted = "retracted";
    public const string Deleted = "deleted";
}

/// <summary>We withdrew a record entered by mistake. Insert-only.</summary>
public sealed class Tombstone
{
    public string Entity { get; set; } = "";
    public Guid EntityId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>For an event deleted as a duplicate: the event that survives it (migration EventLinks).</summary>
    public Guid? DuplicateOf { get; set; }
}
