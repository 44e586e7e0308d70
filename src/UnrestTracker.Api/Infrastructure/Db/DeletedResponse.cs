using System.Text.Json.Serialization;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The <c>deleted</c> member of a tombstoned event or statement: when, by whom (key name) and why.</summary>
public sealed record DeletedResponse(DateTimeOffset At, string By, string Reason)
{
    /// <summary>An event deleted as a duplicate: the event that survives it; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? DuplicateOf { get; init; }

    public static DeletedResponse? From(Tombstone? tombstone) =>
        tombstone is null ? null : new(tombstone.At, tombstone.By, tombstone.Reason) { DuplicateOf = tombstone.DuplicateOf };
}
