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
            .ProducesExports("text/csv");
        group.MapGet("/figures", FigureStats.Handle).WithHistoryETag().WithReadAdmission().WithName("FigureStats")
            .WithSummary("Event-level figures summed per source and bucket of their event's date, as eventSums sums them")
            .WithDescription(Buckets + " The group always holds source {id, name, kind}; counts events, value, low, high as in eventSums.")
            .ProducesExports("text/csv");
        incidents.MapGet("/{incident}/figures/over-time", FiguresOverTime.Handle).WithHistoryETag().WithReadAdmission(ReadCost.AlwaysTimeTravel).WithTags("Figures").WithName("IncidentSeriesOverTime")
            .WithSummary("One incident-wide series bucket by bucket: what /incidents/{incident}/figures answers at each bucket's end minus 1 µs")
            .WithDescription("Each bucket is { start, end, headline, perSource, range } as the series row answers with asOf = end minus 1 µs. "
                + "Default range: the incident's startDate to the later of its endDate and the statedAt of the series' newest visible figure. "
                + "Takes no asOf, groupBy or baseline.")
            .ProducesExports("text/csv");
        return api;
    }

    private const string Buckets = "Buckets are UTC calendar days, weeks (from weekStart), months or years, each [start, end), zero-filled for every "
        + "group with a non-zero count in [from, to]; ordered by start, then by the group's keys.";
}
