using System.Globalization;
using System.Reflection;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>
/// The bucket parameters of the stats endpoints and of figures/over-time (docs/api.md, "Aggregates for dashboards"): what
/// a handler's argument reads and declares is set by its <see cref="StatsAttribute"/> (the rows of its CSV, and the keys it
/// groups by: without keys, no groupBy, baseline or shape).
/// </summary>
public sealed record StatsRequest(Buckets Buckets, DateOnly? From, DateOnly? To, IReadOnlyList<string> GroupBy, int Baseline, ExportFormat Format, bool Wide)
    : IQueryParameters<StatsRequest>
{
    public const int MaxGroupKeys = 3;
    public const int MaxBaseline = 104;
    public const int MaxCells = 10_000;

    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter)
    {
        var stats = StatsAttribute.Of(parameter);
        QueryParameter format = new("format", $"json (default) or csv: one row per bucket and {stats.Rows}. Without it the Accept header decides (text/csv).", ["json", "csv"]);
        return stats.GroupKeys.Length == 0 ? [.. BucketParameters, format, .. QueryDocs.CsvFormulas] :
        [
            .. BucketParameters,
            new("groupBy", $"Comma-separated, at most 3 distinct keys of: {string.Join(", ", stats.GroupKeys)}. More than 10,000 bucket-group cells is a 400."),
            new("baseline", "1-104: each bucket also carries the mean of the N buckets before it in its group and the change against it.",
                Schema: () => QuerySchemas.Integer(1, 104)),
            format,
            new("shape", "With CSV only: wide is one row per bucket and a column per group and count; long (default) a row per bucket and group.", ["long", "wide"]),
            .. QueryDocs.CsvFormulas,
        ];
    }

    /// <summary>interval, weekStart, from, to, format; when the endpoint groups, also groupBy, baseline and shape.</summary>
    public static StatsRequest Read(QueryReader query, ParameterInfo parameter)
    {
        var keys = StatsAttribute.Of(parameter).GroupKeys;
        var groupKeys = keys.Length == 0 ? null : keys;
        var request = query.Request;
        var interval = query.Enum<Interval>("interval");
        query.Require("interval", $"Required: one of {string.Join(", ", EnumText.Names<Interval>())}.");
        var weekStart = query.Enum<WeekStart>("weekStart");
        if (weekStart is not null && interval is not null and not Interval.Week)
        {
            query.Errors.Add("weekStart", "Only with interval=week.");
        }
        var from = Day(query, "from");
        var to = Day(query, "to");
        if (from > to)
        {
            query.Errors.Add("from", "Must not be after 'to'.");
        }
        var groupBy = groupKeys is null ? [] : GroupKeys(query, groupKeys);
        var baseline = groupKeys is null ? 0 : BaselineOf(query);
        var format = query.Format(request, ExportFormat.Csv);
        var shape = groupKeys is null ? null : query.Text("shape");
        if (shape is not null and not ("wide" or "long"))
        {
            query.Errors.Add("shape", "Must be wide (one row per bucket) or long (the default: one row per bucket and group).");
        }
        else if (shape is not null && format != ExportFormat.Csv)
        {
            query.Errors.Add("shape", "Only with format=csv (or Accept: text/csv).");
        }
        return new(new Buckets(interval ?? Interval.Day, weekStart ?? WeekStart.Monday), from, to, groupBy, baseline, format, shape == "wide");
    }

    /// <summary>
    /// How many buckets from/to span when both are given (null when a default needs the data): known before anything is read.
    /// Every group of an answer holds that many cells, so beyond <see cref="MaxCells"/> the request is a 400 whatever its groups.
    /// </summary>
    public long? AskedBuckets => From is { } f && To is { } t ? Buckets.Count(Buckets.StartOf(f), Buckets.StartOf(t)) : null;

    /// <summary>A bucket count beyond <see cref="MaxCells"/>: the 400 naming interval and groupBy.</summary>
    public static ProblemResult TooManyCells(long cells) => new Validation()
        .Add("interval", $"The answer would hold {cells:N0} or more bucket-group cells, more than {MaxCells:N0}: choose a longer interval, a shorter from/to or fewer groupBy keys.")
        .Add("groupBy", $"The answer would hold {cells:N0} or more bucket-group cells, more than {MaxCells:N0}.")
        .Problem();

    private static readonly QueryParameter[] BucketParameters =
    [
        QueryDocs.Enum<Interval>("interval", "The bucket (required).") with { Required = true },
        QueryDocs.Enum<WeekStart>("weekStart", "The first day of a week (default monday); only with interval=week."),
        new("from", "A date: the first bucket is the one holding it (default: the first date of the data). A timestamp is a 400.", Schema: QuerySchemas.Date),
        new("to", "A date: the last bucket is the one holding it (default: the last date of the data). A timestamp is a 400.", Schema: QuerySchemas.Date),
    ];

    private static DateOnly? Day(QueryReader query, string name)
    {
        var text = query.Text(name);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            query.Errors.Add(name, "Must be a date (2022-01-09): buckets start at midnight UTC, so a time of day is not taken.");
            return null;
        }
        query.Errors.Within(name, day);
        return day;
    }

    private static List<string> GroupKeys(QueryReader query, IReadOnlyList<string> known)
    {
        var text = query.Text("groupBy");
        if (text is null)
        {
            return [];
        }
        var keys = text.Split(',').Select(k => k.Trim()).ToList();
        var unknown = keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            query.Errors.Add("groupBy", $"Unknown key(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}: this endpoint groups by {string.Join(", ", known)}.");
        }
        else if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            query.Errors.Add("groupBy", "Give each key once.");
        }
        else if (keys.Count > MaxGroupKeys)
        {
            query.Errors.Add("groupBy", $"At most {MaxGroupKeys} keys.");
        }
        return keys;
    }

    private static int BaselineOf(QueryReader query)
    {
        var text = query.Text("baseline");
        if (text is null)
        {
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxBaseline)
        {
            query.Errors.Add("baseline", $"Must be an integer from 1 to {MaxBaseline}: how many buckets before each one its mean covers.");
            return 0;
        }
        return n;
    }
}

/// <summary>What one row of a stats endpoint's CSV holds (a bucket and ...), and the keys it groups by, if it groups.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class StatsAttribute(string rows, params string[] groupKeys) : Attribute
{
    public string Rows => rows;

    public string[] GroupKeys => groupKeys;

    public static StatsAttribute Of(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<StatsAttribute>() ?? throw new InvalidOperationException($"{parameter.Member.Name}'s {parameter.Name} needs [Stats(...)].");
}
