using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// One source's current event-level figures of a series row, summed over the incident's visible events. A sum too large to
/// report (figures recorded before values were bounded at 10^15) is null, and <see cref="Note"/> says so.
/// </summary>
public sealed record EventSum(SourceBrief? Source, int Events, decimal? Value, decimal? Low, decimal? High)
{
    /// <summary>Why a sum is null although figures give it; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    public const string TooLarge = "A sum exceeds 79228162514264337593543950335, the largest this API reports, and is null: "
        + "some figures were recorded above 10^15 before values were bounded. Withdraw or correct them.";
}

/// <summary>
/// The event-level side of an incident's series (docs/api.md, "Event-level series"): per (metric, subject, unit) and source, the
/// source's current event-level figures, whatever their scope, over the incident's events visible at the moment asked
/// (recorded by recordedAsOf, not tombstoned by then, dated by asOf). Subjects side_a and side_b are never summed: they name
/// different parties in different events (UCDP's dyads).
/// </summary>
public static class EventSums
{
    /// <summary>One source's sums of a (metric, subject, unit); <c>Valued</c> counts the figures that give a value (a range may give only low and high).</summary>
    public sealed record Group(
        Metric Metric, string? Subject, string Unit, SourceBrief? Source, int Events, int Valued, decimal? Value, decimal? Low, decimal? High,
        bool Beyond)
    {
        /// <summary>The key of the incident-wide series of the same metric, subject and unit without scope (the database's series_key_of).</summary>
        public string SeriesKey { get; init; } = "";

        /// <summary>The row it belongs to: the incident-wide series of the same metric, subject and unit without scope.</summary>
        public string RowKey(Guid incidentId) => SeriesOrder.SortKey(SeriesKey);
    }

    public static async Task<List<EventSideRow>> ReadAsync(UnrestDb db, FormattableString query, CancellationToken ct) =>
        await db.Database.SqlQuery<EventSideRow>(query).ToListAsync(ct);

    /// <summary>The sums among <paramref name="rows"/>, per (metric, subject, unit, source).</summary>
    public static List<Group> GroupsOf(IEnumerable<EventSideRow> rows) => rows.Where(r => r.Kind == EventSideRow.Sum).Select(r => new Group(
        EnumText.Parse<Metric>(r.Metric), r.Subject, r.Unit,
        r.SourceName is null ? null : new SourceBrief(r.SourceId!.Value, r.SourceName, EnumText.Parse<SourceKind>(r.SourceKind!)),
        r.Events, r.Valued, r.Value, r.Low, r.High, r.Beyond)
    { SeriesKey = r.SeriesKey }).ToList();

    /// <summary>
    /// A row's sums, one per source, ordered by source name (then id, so that two sources of one name keep their order).
    /// The value sums the figures that give one, and is null when none does (SQL's SUM would say 0).
    /// </summary>
    public static List<EventSum> Of(IEnumerable<Group> groups) => groups
        .Select(g => new EventSum(g.Source, g.Events, g.Valued == 0 ? null : g.Value, g.Low, g.High) { Note = g.Beyond ? EventSum.TooLarge : null })
        .OrderBy(s => s.Source?.Name, StringComparer.Ordinal).ThenBy(s => s.Source?.Id)
        .ToList();
}

/// <summary>
/// A row of the event-level side of an incident's series: one source's sums (<see cref="Sum"/>: source, events, valued, value,
/// low, high) or one series row's combined range (<see cref="Combined"/>: clusters, events, sources, low, high).
/// </summary>
public sealed class EventSideRow
{
    public const string Sum = "sum";
    public const string Combined = "combined";

    public string Kind { get; init; } = "";
    public string Metric { get; init; } = "";
    public string? Subject { get; init; }
    public string Unit { get; init; } = "";
    public Guid? SourceId { get; init; }
    public int Events { get; init; }
    public int Valued { get; init; }
    public decimal? Value { get; init; }
    public decimal? Low { get; init; }
    public decimal? High { get; init; }
    public bool Beyond { get; init; }
    public string? SourceName { get; init; }
    public string? SourceKind { get; init; }
    public string SeriesKey { get; init; } = "";
    public int Clusters { get; init; }
    public int Sources { get; init; }
}
