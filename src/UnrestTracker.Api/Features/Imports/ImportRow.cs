using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// One data row turned into what the API stores: an event (its incident still to be found) and the
/// counts of one statement by the dataset. Text over a field's limit is already cut, with a note.
/// </summary>
public sealed class ImportRow
{
    public required long Row { get; init; }
    public required ExternalRef Ref { get; init; }
    public required EventRequest Event { get; init; }
    /// <summary>The incident this row's event goes to when no <c>--incident</c> is given.</summary>
    public required string IncidentSlug { get; init; }
    public required string IncidentTitle { get; init; }
    public required FigureRequest[] Figures { get; init; }
    public required string Summary { get; init; }
    public string? Publisher { get; init; }
    public string? Quote { get; init; }
    /// <summary>ACLED's <c>timestamp</c>: when the row was last changed upstream.</summary>
    public DateTimeOffset? Timestamp { get; init; }
    public List<string> Adjustments { get; } = [];

    public DateOnly Date => Event.Date!.Value;
    public string Country => Event.Location!.Country!;

    /// <summary>A figure's <c>asOf</c>: the event's last day at 23:59:59Z.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
}

/// <summary>A dataset's CSV layout and how one of its rows maps to an <see cref="ImportRow"/>.</summary>
public interface IDatasetLayout
{
    string Dataset { get; }
    string System { get; }
    string SourceName { get; }
    string SourceUrl { get; }
    Sources.SourceKind SourceKind { get; }

    /// <summary>Throws <see cref="ImportLayoutException"/> when the header is not this layout.</summary>
    void Check(ImportFile file);

    /// <summary>The row mapped, or a reason to reject it.</summary>
    (ImportRow? Row, string? Rejection) Read(ImportFile file);
}
