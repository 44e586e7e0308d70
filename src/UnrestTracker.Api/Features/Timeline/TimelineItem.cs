using System.Text.Json.Serialization;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Retractions;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;

namespace UnrestTracker.Api.Features.Timeline;

/// <summary>What a timeline item is: an event, a statement or a retraction.</summary>
public enum TimelineKind { Event, Statement, Retraction }

/// <summary>
/// One moment of an incident's story, complete enough to read without another call. A retraction's
/// <see cref="Id"/> is the id of the statement it withdrew. <see cref="Source"/> is who spoke (statements and retractions).
/// </summary>
public sealed record TimelineItem(
    TimelineKind Kind,
    DateTimeOffset At,
    Guid Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SourceBrief? Source = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EventResponse? Event = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StatementResponse? Statement = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RetractionItem? Retraction = null);

/// <summary>The sort key of the merged timeline: (at, kind, id), kinds in the order event, statement, retraction.</summary>
public readonly record struct TimelineKey(DateTimeOffset At, TimelineKind Kind, Guid Id) : IComparable<TimelineKey>
{
    public int CompareTo(TimelineKey other)
    {
        var byAt = At.CompareTo(other.At);
        if (byAt != 0)
        {
            return byAt;
        }
        var byKind = Kind.CompareTo(other.Kind);
        // Ids compare the way PostgreSQL orders uuids: byte by byte, big-endian.
        return byKind != 0 ? byKind : string.CompareOrdinal(Id.ToString("N"), other.Id.ToString("N"));
    }
}
