using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>
/// <c>GET /stats/events</c>: events counted in the bucket of their date, over the event list's filters: the visible events
/// of the moment asked (<see cref="EventQueries.Visible"/>), or "now" the ones the writes keep when they hold what is asked.
/// </summary>
public static class EventStats
{
    private static readonly string[] CountNames = ["events"];

    private sealed class Row
    {
        public DateOnly Bucket { get; init; }
        public EventType? Type { get; init; }
        public string? SubType { get; init; }
        public string? Country { get; init; }
        public string? Admin1 { get; init; }
        public Guid? Incident { get; init; }
        public string? Dataset { get; init; }
        public int Events { get; init; }
    }

    public static async Task<Results<Ok<EventStatsAnswer>, ExportStream, ProblemResult>> Handle([DatesAreBuckets] EventFilter filter,
        [Stats("group of events", "type", "subType", "country", "admin1", "incident", "dataset")] StatsRequest request, TimeTravel time,
        HttpContext http, UnrestDb db, HistoryMemo memo, CancellationToken ct)
    {
        if (request.AskedBuckets is long asked and > StatsRequest.MaxCells)
        {
            return StatsRequest.TooManyCells(asked);
        }
        var table = new StatsTable(request, CountNames);
        var b = request.Buckets;
        var end = request.To is { } to ? b.Next(b.StartOf(to)) : DateOnly.MaxValue;
        var start = request.From is { } from && request.Baseline == 0 ? b.StartOf(from) : DateOnly.MinValue;
        List<Row> rows;
        if (time.IsNow && filter is { Actor: null, Text: null, Box: null, Near: null, ExternalKey: null } && !Has(request.GroupBy, "dataset"))
        {
            Guid? incidentId = filter.Incident is null ? null : await db.IncidentIdAsync(filter.Incident, time.RecordedAt, ct);
            if (filter.Incident is not null && incidentId is null)
            {
                return Problems.NotFound("incident", filter.Incident);
            }
            rows = await memo.RememberedAsync(http, db, time, ct => KeptAsync(db, filter, request, incidentId, start, end, ct), rows => rows.Count, ct);
        }
        else
        {
            var events = await filter.ApplyAsync(db, time, ct);
            if (events is null)
            {
                return Problems.NotFound("incident", filter.Incident!);
            }
            rows = await Summed(events.Where(v => v.Date >= start && v.Date < end), request).ToListAsync(ct);
        }
        var range = table.Range(rows.Count == 0 ? null : rows.Min(r => r.Bucket), rows.Count == 0 ? null : rows.Max(r => r.Bucket));
        var incidents = await IncidentsAsync(db, rows.Where(r => r.Incident is not null).Select(r => r.Incident!.Value).Distinct().ToList(), time.RecordedAt, ct);
        var statRows = rows.Select(r => new StatRow(r.Bucket, GroupOf(r, request.GroupBy, incidents), [r.Events])).ToList();
        List<StatCell> cells = [];
        if (range is { } r)
        {
            var groups = request.GroupBy.Count == 0
                ? [new StatGroup([])]
                : statRows.Where(s => s.Bucket >= r.First && s.Bucket <= r.Last).Select(s => s.Group).DistinctBy(g => g.Identity).ToList();
            if (table.Count(r) * groups.Count > StatsRequest.MaxCells)
            {
                return StatsRequest.TooManyCells(table.Count(r) * groups.Count);
            }
            cells = table.Cells(statRows, r, groups, rows.Count == 0 ? null : rows.Min(x => x.Bucket));
        }
        return StatsOutput.Answer(request, range, cells, [.. request.GroupBy.SelectMany(GroupPart.HeadersOf)], CountNames,
            (from, to, cells) => new EventStatsAnswer(request.Buckets.Interval, from, to, request.GroupBy,
                [.. cells.Select(c => new EventStatsBucket(c.Start, c.End, c.Group.Json(), (int)c.Counts[0]!.Value) { Baseline = c.Baseline })]),
            "stats-events", time.AnsweredAt);
    }

    /// <summary>
    /// Counts per bucket and group in one GROUP BY. Keys not asked for are constant nulls (the flags are inlined as
    /// constants, so PostgreSQL drops them); the bucket is the week, month or year start of the date, or the date itself.
    /// </summary>
    private static IQueryable<Row> Summed(IQueryable<EventVersion> events, StatsRequest request)
    {
        var keys = request.GroupBy;
        var (type, subType, country, admin1, incident, dataset) = (Has(keys, "type"), Has(keys, "subType"), Has(keys, "country"),
            Has(keys, "admin1"), Has(keys, "incident"), Has(keys, "dataset"));
        var (interval, monday) = (request.Buckets.Interval, request.Buckets.WeekStart == WeekStart.Monday ? 1 : 6);
        return events.Select(v => new
        {
            Bucket = EF.Constant(interval) == Interval.Day ? v.Date
                : EF.Constant(interval) == Interval.Week ? v.Date.AddDays(-(((int)v.Date.DayOfWeek - EF.Constant(monday) + 7) % 7))
                : EF.Constant(interval) == Interval.Month ? v.Date.AddDays(1 - v.Date.Day)
                : v.Date.AddDays(1 - v.Date.DayOfYear),
            Type = EF.Constant(type) ? (EventType?)v.Type : null,
            SubType = EF.Constant(subType) ? v.SubType : null,
            Country = EF.Constant(country) ? v.Country : null,
            Admin1 = EF.Constant(admin1) ? v.Admin1 : null,
            Incident = EF.Constant(incident) ? (Guid?)v.IncidentId : null,
            Dataset = !EF.Constant(dataset) ? null
                : v.ExternalKeys.Any(k => k.StartsWith("acled:")) ? "acled"
                : v.ExternalKeys.Any(k => k.StartsWith("ucdp:")) ? "ucdp" : GroupPart.None,
        }).GroupBy(x => x).Select(g => new Row
        {
            Bucket = g.Key.Bucket,
            Type = g.Key.Type,
            SubType = g.Key.SubType,
            Country = g.Key.Country,
            Admin1 = g.Key.Admin1,
            Incident = g.Key.Incident,
            Dataset = g.Key.Dataset,
            Events = g.Count(),
        });
    }

    private sealed class KeptRow
    {
        public DateOnly Bucket { get; init; }
        public string? Type { get; init; }
        public string? SubType { get; init; }
        public string? Country { get; init; }
        public string? Admin1 { get; init; }
        public Guid? Incident { get; init; }
        public int Events { get; init; }
    }

    /// <summary>
    /// "Now", when the filters and keys are columns of the visible events the writes keep (events_now, migration EventsNow):
    /// one index range of the incident's events (or one pass over the table), no check of each for a later version or a tombstone.
    /// </summary>
    private static async Task<List<Row>> KeptAsync(UnrestDb db, EventFilter filter, StatsRequest request, Guid? incident, DateOnly start,
        DateOnly end, CancellationToken ct)
    {
        string Column(string key, string column, string type) => Has(request.GroupBy, key) ? column : $"NULL::{type}";
        var type = filter.Type is { } t ? EnumText.Name(t) : null;
        var sql = SqlText.Concat(
            SqlText.Raw($"""
                SELECT {request.Buckets.Sql("e.date")} AS bucket, {Column("type", "e.type", "text")} AS type,
                       {Column("subType", "e.sub_type", "text")} AS sub_type, {Column("country", "e.country", "text")} AS country,
                       {Column("admin1", "e.admin1", "text")} AS admin1, {Column("incident", "e.incident_id", "uuid")} AS incident,
                       count(*)::int AS events
                FROM events_now e
                """),
            $"""
             WHERE ({incident}::uuid IS NULL OR e.incident_id = {incident}::uuid) AND e.date >= {start} AND e.date < {end}
               AND ({filter.Country}::text IS NULL OR e.country = {filter.Country}::text) AND ({type}::text IS NULL OR e.type = {type}::text)
             GROUP BY 1, 2, 3, 4, 5, 6
             """);
        var rows = await db.Database.SqlQuery<KeptRow>(sql).ToListAsync(ct);
        return [.. rows.Select(r => new Row
        {
            Bucket = r.Bucket,
            Type = r.Type is null ? null : EnumText.Parse<EventType>(r.Type),
            SubType = r.SubType,
            Country = r.Country,
            Admin1 = r.Admin1,
            Incident = r.Incident,
            Events = r.Events,
        })];
    }

    private static bool Has(IReadOnlyList<string> keys, string key) => keys.Contains(key, StringComparer.Ordinal);

    private static StatGroup GroupOf(Row row, IReadOnlyList<string> keys, IReadOnlyDictionary<Guid, IncidentBrief> incidents) => new([
        .. keys.Select(key => key switch
        {
            "type" => GroupPart.Of("type", row.Type),
            "subType" => GroupPart.Of("subType", row.SubType),
            "country" => GroupPart.Of("country", row.Country),
            "admin1" => GroupPart.Of("admin1", row.Admin1),
            "incident" => GroupPart.Of(incidents[row.Incident!.Value]),
            _ => GroupPart.Of("dataset", row.Dataset),
        }),
    ]);

    /// <summary>The incidents as they stood at <paramref name="recordedAt"/>: id, slug and title.</summary>
    public static async Task<Dictionary<Guid, IncidentBrief>> IncidentsAsync(UnrestDb db, List<Guid> ids, DateTimeOffset recordedAt, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.IncidentVersions.AsNoTracking().AsRecordedAt(recordedAt).Where(v => ids.Contains(v.Id))
            .Select(v => new IncidentBrief(v.Id, v.Slug, v.Title)).ToListAsync(ct)).ToDictionary(i => i.Id);
}
