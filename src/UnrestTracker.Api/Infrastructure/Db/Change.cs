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

/// <summary>The entities a change (and a tombstone) names, once: the writes record them, the feed and webhooks filter by them.</summary>
public static class ChangeEntities
{
    public const string Incident = "incident";
    public const string Source = "source";
    public const string Event = "event";
    public const string Statement = "statement";
    public const string Retraction = "retraction";

    public static readonly IReadOnlyList<string> Names = [Incident, Source, Event, Statement, Retraction];

    /// <summary>A comma-separated list of entity names; an unknown one is an error naming <paramref name="field"/>.</summary>
    public static string[]? Parse(string? text, string field, Problems.Validation errors)
    {
        if (text is null)
        {
            return null;
        }
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var unknown in names.Where(n => !Names.Contains(n)))
        {
            errors.Add(field, $"Unknown entity '{unknown}'; use {string.Join(", ", Names)}.");
        }
        return names.Length == 0 ? null : names;
    }
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
