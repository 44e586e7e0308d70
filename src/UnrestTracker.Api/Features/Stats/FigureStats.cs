using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Figures;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>
/// <c>GET /stats/figures</c>: event-level figures summed per source and bucket of their event's date, over exactly the
/// figures eventSums counts (<see cref="EventSumsSql.Counted"/>), summed the same way.
/// </summary>
public static class FigureStats
{
    private static readonly string[] CountNames = ["events", "value", "low", "high"];

    private sealed class Row
    {
        public DateOnly Bucket { get; init; }
        public Guid SourceId { get; init; }
        public string? Country { get; init; }
        public string? Admin1 { get; init; }
        public Guid? IncidentId { get; init; }
        public string? Type { get; init; }
        public int Events { get; init; }
        public int Valued { get; init; }
        public decimal? Value { get; init; }
        public decimal? Low { get; init; }
        public decimal? High { get; init; }
    }

    public static async Task<Results<Ok<FigureStatsAnswer>, ExportStream, ProblemResult>> Handle(FigureStatsFilter filter,
        [Stats("group of figures", "country", "admin1", "incident", "type")] StatsRequest request, TimeTravel time,
        HttpContext http, UnrestDb db, HistoryMemo memo, CancellationToken ct)
    {
        var (metric, subject, unit, incident, country, type, source, sourceKind) = filter;
        if (request.AskedBuckets is long asked and > StatsRequest.MaxCells)
        {
            return StatsRequest.TooManyCells(asked);
        }
        Guid? incidentId = incident is null ? null : await db.IncidentIdAsync(incident, time.RecordedAt, ct);
        if (incident is not null && incidentId is null)
        {
            return Problems.NotFound("incident", incident);
        }
        var (recordedAt, asOf) = (time.RecordedAt, time.AsOf ?? DateTimeOffset.MaxValue);
        var day = time.AsOf is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : DateOnly.MaxValue;
        var b = request.Buckets;
        var end = request.To is { } to ? b.Next(b.StartOf(to)) : DateOnly.MaxValue;
        var start = request.From is { } from && request.Baseline == 0 ? b.StartOf(from) : DateOnly.MinValue;
        var keys = request.GroupBy;
        string Column(string key, string column, string type) => keys.Contains(key) ? column : $"NULL::{type}";
        var sql = SqlText.Concat(
            EventSumsSql.Counted(incidentId, recordedAt, asOf, day, EnumText.Name(metric!.Value), subject, sourceKind is { } k ? EnumText.Name(k) : null,
                withoutSubject: subject is null, now: time.IsNow),
            SqlText.Raw($"""
                SELECT {b.Sql("c.date")} AS bucket, c.source_id, {Column("country", "c.country", "text")} AS country,
                       {Column("admin1", "c.admin1", "text")} AS admin1, {Column("incident", "c.incident_id", "uuid")} AS incident_id,
                       {Column("type", "c.type", "text")} AS type,
                       count(*)::int AS events, count(c.value)::int AS valued,
                       sum(c.value) AS value, sum(coalesce(c.low, c.value)) AS low, sum(coalesce(c.high, c.value)) AS high
                FROM counted c
                """),
            $"""
             WHERE c.unit = {unit} AND c.date >= {start} AND c.date < {end}
               AND ({source}::uuid IS NULL OR c.source_id = {source}::uuid)
               AND ({country}::text IS NULL OR c.country = {country}::text)
               AND ({(type is { } ty ? EnumText.Name(ty) : null)}::text IS NULL OR c.type = {(type is { } ty2 ? EnumText.Name(ty2) : null)}::text)
             GROUP BY 1, 2, 3, 4, 5, 6
             """);
        // The sums of the present are remembered per write, like eventSums: a dashboard polling between writes pays nothing for them.
        var rows = await memo.RememberedAsync(http, db, time, ct => db.Database.SqlQuery<Row>(sql).ToListAsync(ct), rows => rows.Count, ct);
        var table = new StatsTable(request, CountNames);
        var firstData = rows.Count == 0 ? (DateOnly?)null : rows.Min(r => r.Bucket);
        var range = table.Range(firstData, rows.Count == 0 ? null : rows.Max(r => r.Bucket));
        var sources = await db.SourceBriefsAsync(rows.Select(r => r.SourceId).Distinct(), recordedAt, ct);
        var incidents = await EventStats.IncidentsAsync(db, rows.Where(r => r.IncidentId is not null).Select(r => r.IncidentId!.Value).Distinct().ToList(), recordedAt, ct);
        var statRows = rows.Select(r => new StatRow(r.Bucket, GroupOf(r, keys, sources, incidents),
            [r.Events, r.Valued == 0 ? null : r.Value, r.Low, r.High])).ToList();
        List<StatCell> cells = [];
        if (range is { } span)
        {
            var groups = statRows.Where(s => s.Bucket >= span.First && s.Bucket <= span.Last).Select(s => s.Group).DistinctBy(g => g.Identity).ToList();
            if (table.Count(span) * groups.Count > StatsRequest.MaxCells)
            {
                return StatsRequest.TooManyCells(table.Count(span) * groups.Count);
            }
            cells = table.Cells(statRows, span, groups, firstData);
        }
        return StatsOutput.Answer(request, range, cells, [.. GroupPart.HeadersOf("source"), .. keys.SelectMany(GroupPart.HeadersOf)], CountNames,
            (from, to, cells) => new FigureStatsAnswer(request.Buckets.Interval, from, to, keys, [.. cells.Select(c =>
                new FigureStatsBucket(c.Start, c.End, c.Group.Json(), (int)c.Counts[0]!.Value, c.Counts[1], c.Counts[2], c.Counts[3]) { Baseline = c.Baseline })]),
            "stats-figures", time.AnsweredAt);
    }

    private static StatGroup GroupOf(Row row, IReadOnlyList<string> keys, IReadOnlyDictionary<Guid, SourceBrief> sources,
        IReadOnlyDictionary<Guid, IncidentBrief> incidents) => new([
        GroupPart.Of(sources[row.SourceId]),
        .. keys.Select(key => key switch
        {
            "country" => GroupPart.Of("country", row.Country),
            "admin1" => GroupPart.Of("admin1", row.Admin1),
            "incident" => GroupPart.Of(incidents[row.IncidentId!.Value]),
            _ => GroupPart.Of("type", row.Type),
        }),
    ]);
}

/// <summary>Which event-level figures <c>/stats/figures</c> sums: one metric (and subject and unit), of which events and sources.</summary>
public sealed record FigureStatsFilter(Metric? Metric, string? Subject, string Unit, string? Incident, string? Country, EventType? Type,
    Guid? Source, SourceKind? SourceKind) : IQueryParameters<FigureStatsFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        QueryDocs.Enum<Metric>("metric", "What is counted (required).") with { Required = true },
        new("subject", "Who is counted within the metric; absent: figures without a subject. side_a and side_b are a 400."),
        new("unit", "Default people where the metric counts people; required otherwise (a currency code, a plural noun)."),
        new("incident", "Incident id or slug."),
        new("country", "The event's country, ISO 3166-1 alpha-2."),
        QueryDocs.Enum<EventType>("type", "The event's type."),
        new("source", "Source id."),
        QueryDocs.Enum<SourceKind>("sourceKind", "Kind of the source."),
    ];

    public static FigureStatsFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var metric = query.Enum<Metric>("metric");
        query.Require("metric", "Required: what the figures count.");
        var subject = query.Text("subject");
        if (subject is "side_a" or "side_b")
        {
            query.Errors.Add("subject", "side_a and side_b name different parties in different events: they are never summed.");
        }
        return new(metric, subject, StatsUnit.Read(query, metric), query.Text("incident"), query.Country("country"), query.Enum<EventType>("type"),
            query.Id("source"), query.Enum<SourceKind>("sourceKind"));
    }
}
