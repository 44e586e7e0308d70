using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Stats;

public static class StatsEndpoints
{
    public static RouteGroupBuilder MapStatsEndpoints(this RouteGroupBuilder api, RouteGroupBuilder incidents)
    {
        var group = api.MapGroup("/stats").WithTags("Stats");
        group.MapGet("/events", EventStats.Handle).WithHistoryETag().WithReadAdmission().WithName("EventStats")
            .WithSummary("Events per day, week, month or year, grouped and zero-filled; filters as the event list")
            .WithDescription(Buckets + " Counts: events, each in the bucket of its date.")
            .ProducesExports("text/csv")
            .WithQuery(Common(EventStats.Keys, "events"), EventEndpoints.Filters);
        group.MapGet("/figures", FigureStats.Handle).WithHistoryETag().WithReadAdmission().WithName("FigureStats")
            .WithSummary("Event-level figures summed per source and bucket of their event's date, as eventSums sums them")
            .WithDescription(Buckets + " The group always holds source {id, name, kind}; counts events, value, low, high as in eventSums.")
            .ProducesExports("text/csv")
            .WithQuery(
                [
                    QueryDocs.Enum<Metric>("metric", "What is counted (required).") with { Required = true },
                    new("subject", "Who is counted within the metric; absent: figures without a subject. side_a and side_b are a 400."),
                    new("unit", "Default people where the metric counts people; required otherwise (a currency code, a plural noun)."),
                ],
                Common(FigureStats.Keys, "figures"),
                [
                    new("incident", "Incident id or slug."),
                    new("country", "The event's country, ISO 3166-1 alpha-2."),
                    QueryDocs.Enum<EventType>("type", "The event's type."),
                    new("source", "Source id."),
                    QueryDocs.Enum<SourceKind>("sourceKind", "Kind of the source."),
                ]);
        incidents.MapGet("/{incident}/figures/over-time", FiguresOverTime.Handle).WithHistoryETag().WithReadAdmission(ReadCost.AlwaysTimeTravel).WithTags("Figures").WithName("IncidentSeriesOverTime")
            .WithSummary("One incident-wide series bucket by bucket: what /incidents/{incident}/figures answers at each bucket's end minus 1 µs")
            .WithDescription("Each bucket is { start, end, headline, perSource, range } as the series row answers with asOf = end minus 1 µs. "
                + "Default range: the incident's startDate to the later of its endDate and the statedAt of the series' newest visible figure. "
                + "Takes no asOf, groupBy or baseline.")
            .ProducesExports("text/csv")
            .WithQuery(
                [
                    QueryDocs.Enum<Metric>("metric", "What is counted (required).") with { Required = true },
                    new("subject", "Who is counted within the metric; absent: the series without a subject."),
                    new("unit", "Default people where the metric counts people; required otherwise."),
                    new("scopeCountry", "The series' scope country (absent, with scopeAdmin1 and scopePlace: the unscoped series)."),
                    new("scopeAdmin1", "The series' scope admin1."),
                    new("scopePlace", "The series' scope place."),
                ],
                Interval,
                [
                    new("recordedAsOf", "Transaction time: this database as it stood then (ISO 8601 UTC; a bare date means its last microsecond).",
                        Schema: QuerySchemas.Time),
                    new("format", "json (default) or csv: one row per bucket and source.", ["json", "csv"]),
                ],
                QueryDocs.CsvFormulas);
        return api;
    }

    private const string Buckets = "Buckets are UTC calendar days, weeks (from weekStart), months or years, each [start, end), zero-filled for every "
        + "group with a non-zero count in [from, to]; ordered by start, then by the group's keys.";

    private static readonly QueryParameter[] Interval =
    [
        QueryDocs.Enum<Interval>("interval", "The bucket (required).") with { Required = true },
        QueryDocs.Enum<WeekStart>("weekStart", "The first day of a week (default monday); only with interval=week."),
        new("from", "A date: the first bucket is the one holding it (default: the first date of the data). A timestamp is a 400.", Schema: QuerySchemas.Date),
        new("to", "A date: the last bucket is the one holding it (default: the last date of the data). A timestamp is a 400.", Schema: QuerySchemas.Date),
    ];

    private static QueryParameter[] Common(string[] keys, string counted) =>
    [
        .. Interval,
        new("groupBy", $"Comma-separated, at most 3 distinct keys of: {string.Join(", ", keys)}. More than 10,000 bucket-group cells is a 400."),
        new("baseline", "1-104: each bucket also carries the mean of the N buckets before it in its group and the change against it.",
            Schema: () => QuerySchemas.Integer(1, 104)),
        .. QueryDocs.TimeTravel,
        new("format", $"json (default) or csv: one row per bucket and group of {counted}. Without it the Accept header decides (text/csv).", ["json", "csv"]),
        new("shape", "With CSV only: wide is one row per bucket and a column per group and count; long (default) a row per bucket and group.", ["long", "wide"]),
        .. QueryDocs.CsvFormulas,
    ];
}
