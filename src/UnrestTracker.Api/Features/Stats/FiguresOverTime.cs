using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Figures;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>One bucket of an incident-wide series: what <c>/incidents/{incident}/figures</c> answers at the bucket's end minus 1 µs.</summary>
public sealed record OverTimeBucket(DateOnly Start, DateOnly End, SourcedFigure? Headline, IReadOnlyList<SourcedFigure> PerSource, FigureRange Range);

/// <summary>One incident-wide series (metric, subject, scope, unit) bucket by bucket, from <c>from</c> to <c>to</c>.</summary>
public sealed record OverTimeAnswer(
    Interval Interval, DateOnly From, DateOnly To, Metric Metric, string? Subject, ScopeDto? Scope, string Unit, IReadOnlyList<OverTimeBucket> Buckets);

/// <summary>
/// <c>GET /incidents/{incident}/figures/over-time</c>. Each bucket is the series row of <c>/incidents/{incident}/figures</c> at
/// asOf = its end minus 1 µs, all buckets in one statement (<see cref="IncidentFigures.SeriesAtEachAsync"/>): the bucket ends
/// joined with the database's <c>latest_standing</c> and <c>figure_statuses</c>, so each costs index probes per source of the series.
/// </summary>
public static class FiguresOverTime
{
    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);

    public static async Task<Results<Ok<OverTimeAnswer>, ExportStream, ProblemResult>> Handle(string incident, OverTimeSeries followed,
        [Stats("source")] StatsRequest request, Recorded recorded, HttpContext http, UnrestDb db, HistoryMemo memo, CancellationToken ct)
    {
        var (metric, subject, unit, scopeCountry, scopeAdmin1, scopePlace) = followed;
        var time = new TimeTravel(null, recorded.RecordedAsOf, recorded.AnsweredAt);
        if (request.AskedBuckets is long spanned and > StatsRequest.MaxCells)
        {
            return TooManyBuckets(spanned);
        }
        var found = await db.FindAsync(incident, time.RecordedAt, ct);
        if (found is null)
        {
            return Problems.NotFound("incident", incident);
        }
        var key = await db.Database.SqlQuery<string>(
            $"SELECT series_key_of({found.Id}, NULL, {EnumText.Name(metric!.Value)}, {subject}, {scopeCountry}, {scopeAdmin1}, {scopePlace}, {unit}) AS \"Value\"")
            .SingleAsync(ct);
        var view = new ClaimView(db, time);
        var newest = await view.Figures().Where(f => f.SeriesKey == key).MaxAsync(f => (DateTimeOffset?)f.StatedAt, ct);
        var lastDay = new[] { found.EndDate ?? found.StartDate, newest is { } n ? DateOnly.FromDateTime(n.UtcDateTime) : found.StartDate }.Max();
        var from = request.From ?? (request.To is { } asked && asked < found.StartDate ? asked : found.StartDate);
        var to = request.To ?? (lastDay < from ? from : lastDay);
        var b = request.Buckets;
        var (first, last) = (b.StartOf(from), b.StartOf(to));
        if (b.Count(first, last) > StatsRequest.MaxCells)
        {
            return TooManyBuckets(b.Count(first, last));
        }
        var starts = b.From(first, last).ToList();
        var moments = starts.Select(start => Buckets.At(b.Next(start)) - Microsecond).ToArray();
        // The buckets of the present are remembered per write, like the stats: a dashboard polling between writes pays only the JSON.
        var series = await memo.RememberedAsync(http, db, time, ct => IncidentFigures.SeriesAtEachAsync(db, key, moments, time.RecordedAt, ct),
            series => series.Sum(s => s.PerSource.Count + 1), ct);
        var buckets = starts.Select((start, i) => new OverTimeBucket(start, b.Next(start), series[i].Headline, series[i].PerSource, series[i].Range)).ToList();
        if (request.Format == ExportFormat.Csv)
        {
            var rows = buckets.SelectMany(bucket => bucket.PerSource.Count == 0
                ? [(bucket, (SourcedFigure?)null)]
                : bucket.PerSource.Select(f => (bucket, (SourcedFigure?)f)));
            return new CsvExport<(OverTimeBucket, SourcedFigure?)>(StatsOutput.Async(rows), Columns, "figures-over-time", time.AnsweredAt);
        }
        var scope = scopeCountry is null && scopeAdmin1 is null && scopePlace is null ? null : new ScopeDto(scopeCountry, scopeAdmin1, scopePlace);
        return TypedResults.Ok(new OverTimeAnswer(b.Interval, first, b.Next(last), metric.Value, subject, scope, unit, buckets));
    }

    private static ProblemResult TooManyBuckets(long buckets) => Problems.Invalid("interval",
        $"The answer would hold {buckets:N0} buckets, more than {StatsRequest.MaxCells:N0}: choose a longer interval or a shorter from/to.");

    private static readonly CsvColumns<(OverTimeBucket Bucket, SourcedFigure? Figure)> Columns = new CsvColumns<(OverTimeBucket Bucket, SourcedFigure? Figure)>()
        .Verbatim("start", r => r.Bucket.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .Verbatim("end", r => r.Bucket.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .Verbatim("sourceId", r => r.Figure?.Source?.Id.ToString())
        .Add("sourceName", r => r.Figure?.Source?.Name)
        .Add("sourceKind", r => r.Figure?.Source is { } s ? EnumText.Name(s.Kind) : null)
        .Verbatim("headline", r => r.Figure is null ? null : (r.Figure.Id == r.Bucket.Headline?.Id ? "true" : "false"))
        .Add("value", r => r.Figure?.Value)
        .Add("low", r => r.Figure?.Low)
        .Add("high", r => r.Figure?.High)
        .Add("qualifier", r => r.Figure is null ? null : EnumText.Name(r.Figure.Qualifier))
        .Add("status", r => r.Figure is null ? null : EnumText.Name(r.Figure.Status))
        .Verbatim("statedAt", r => r.Figure?.StatedAt.UtcDateTime.ToString(CsvLine.TimestampFormat, CultureInfo.InvariantCulture))
        .Verbatim("figureId", r => r.Figure?.Id.ToString())
        .Add("rangeLow", r => r.Bucket.Range.Low)
        .Add("rangeHigh", r => r.Bucket.Range.High);
}

/// <summary>Which incident-wide series <c>figures/over-time</c> follows: its metric, subject, unit and scope.</summary>
public sealed record OverTimeSeries(Metric? Metric, string? Subject, string Unit, string? ScopeCountry, string? ScopeAdmin1, string? ScopePlace)
    : IQueryParameters<OverTimeSeries>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        QueryDocs.Enum<Metric>("metric", "What is counted (required).") with { Required = true },
        new("subject", "Who is counted within the metric; absent: the series without a subject."),
        new("unit", "Default people where the metric counts people; required otherwise."),
        new("scopeCountry", "The series' scope country (absent, with scopeAdmin1 and scopePlace: the unscoped series)."),
        new("scopeAdmin1", "The series' scope admin1."),
        new("scopePlace", "The series' scope place."),
    ];

    public static OverTimeSeries Read(QueryReader query, ParameterInfo parameter)
    {
        var metric = query.Enum<Metric>("metric");
        query.Require("metric", "Required: what the series counts.");
        return new(metric, query.Text("subject"), StatsUnit.Read(query, metric), query.Country("scopeCountry"), query.Text("scopeAdmin1"), query.Text("scopePlace"));
    }
}
