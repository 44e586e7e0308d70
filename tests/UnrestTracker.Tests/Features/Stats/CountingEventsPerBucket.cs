using System.Globalization;
using System.Text.Json;
using CsvHelper;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>A dashboard counts the demo's events per day, week and month.</summary>
public sealed class CountingEventsPerBucket(ApiFactory api) : ApiTest(api)
{
    private const string Stats = "/api/v1/stats/events?incident=kazakhstan-2022-01";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task Days_run_from_the_first_to_the_last_event_with_quiet_days_as_zeros()
    {
        var answer = await GetOkAsync($"{Stats}&interval=day");

        Assert.Equal(("2022-01-02", "2022-01-11"), (answer.GetProperty("from").GetString(), answer.GetProperty("to").GetString()));
        Assert.Equal([1, 0, 0, 2, 1, 0, 0, 0, 1], Buckets(answer).Select(b => b.GetProperty("events").GetInt32()));
        Assert.All(Buckets(answer), b => Assert.Empty(b.GetProperty("group").EnumerateObject()));
    }

    [Fact]
    public async Task Weeks_start_on_monday_or_on_saturday_when_asked_and_edge_weeks_count_whole()
    {
        var monday = await GetOkAsync($"{Stats}&interval=week&from=2022-01-05&to=2022-01-10");
        var saturday = await GetOkAsync($"{Stats}&interval=week&weekStart=saturday");

        Assert.Equal([("2022-01-03", 3), ("2022-01-10", 1)], Buckets(monday).Select(b => (Start(b), b.GetProperty("events").GetInt32())));
        Assert.Equal(("2022-01-03", "2022-01-17"), (monday.GetProperty("from").GetString(), monday.GetProperty("to").GetString()));
        Assert.Equal([("2022-01-01", 4), ("2022-01-08", 1)], Buckets(saturday).Select(b => (Start(b), b.GetProperty("events").GetInt32())));
        Assert.Equal(DayOfWeek.Saturday, DateOnly.Parse(Start(Buckets(saturday)[0]), CultureInfo.InvariantCulture).DayOfWeek);
    }

    [Fact]
    public async Task Groups_are_zero_filled_and_ordered_by_start_then_by_their_keys_with_none_last()
    {
        var answer = await GetOkAsync($"{Stats}&interval=week&groupBy=type,admin1");

        var cells = Buckets(answer).Select(b => $"{Start(b)} {Group(b, "type")} {Group(b, "admin1") ?? "null"} {b.GetProperty("events").GetInt32()}");
        Assert.Equal(
        [
            "2021-12-27 protests Mangystau 1", "2021-12-27 riots Almaty 0", "2021-12-27 strategic_developments Almaty 0",
            "2021-12-27 strategic_developments Nur-Sultan 0", "2021-12-27 strategic_developments null 0",
            "2022-01-03 protests Mangystau 0", "2022-01-03 riots Almaty 1", "2022-01-03 strategic_developments Almaty 1",
            "2022-01-03 strategic_developments Nur-Sultan 1", "2022-01-03 strategic_developments null 0",
            "2022-01-10 protests Mangystau 0", "2022-01-10 riots Almaty 0", "2022-01-10 strategic_developments Almaty 0",
            "2022-01-10 strategic_developments Nur-Sultan 0", "2022-01-10 strategic_developments null 1",
        ], cells);
        Assert.Equal(["type", "admin1"], answer.GetProperty("groupBy").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task A_baseline_reads_before_from_and_says_how_many_of_its_buckets_hold_data()
    {
        var answer = await GetOkAsync($"{Stats}&interval=day&from=2022-01-06&to=2022-01-07&baseline=4");

        var (sixth, seventh) = (Buckets(answer)[0].GetProperty("baseline"), Buckets(answer)[1].GetProperty("baseline"));
        // Before the 6th: 2, 3, 4, 5 January hold 1, 0, 0, 2 events; before the 7th: 3 to 6 January hold 0, 0, 2, 1.
        Assert.Equal((4, 0.75m, 0.333333m), (sixth.GetProperty("buckets").GetInt32(), Number(sixth.GetProperty("mean"), "events"), Number(sixth.GetProperty("change"), "events")));
        Assert.Equal((4, 0.75m, -1m), (seventh.GetProperty("buckets").GetInt32(), Number(seventh.GetProperty("mean"), "events"), Number(seventh.GetProperty("change"), "events")));
        var first = Buckets(await GetOkAsync($"{Stats}&interval=day&to=2022-01-02&baseline=3"))[0].GetProperty("baseline");
        Assert.Equal((0, 0m, JsonValueKind.Null), (first.GetProperty("buckets").GetInt32(), Number(first.GetProperty("mean"), "events"), first.GetProperty("change").GetProperty("events").ValueKind));
    }

    [Fact]
    public async Task With_no_events_and_no_dates_the_answer_has_no_buckets()
    {
        var answer = await GetOkAsync("/api/v1/stats/events?interval=month&country=FR");

        Assert.Empty(Buckets(answer));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (answer.GetProperty("from").ValueKind, answer.GetProperty("to").ValueKind));
    }

    [Fact]
    public async Task An_earlier_asOf_counts_only_the_events_that_had_happened()
    {
        var answer = await GetOkAsync($"{Stats}&interval=month&asOf=2022-01-05");

        Assert.Equal([3], Buckets(answer).Select(b => b.GetProperty("events").GetInt32()));
    }

    [Fact]
    public async Task Wide_CSV_has_one_row_per_week_and_a_column_per_group_and_count()
    {
        var response = await Client.GetAsync($"{Stats}&interval=week&groupBy=type&format=csv&shape=wide");
        response.EnsureSuccessStatusCode();
        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["start", "end", "protests: events", "riots: events", "strategic_developments: events"], rows[0].Keys);
        Assert.Equal(["2021-12-27", "2022-01-03", "2022-01-10"], rows.Select(r => (string)r["start"]));
        Assert.Equal(["0", "2", "1"], rows.Select(r => (string)r["strategic_developments: events"]));
    }

    [Fact]
    public async Task Long_CSV_has_a_row_per_bucket_and_group_with_the_incident_as_id_slug_and_title()
    {
        var response = await Client.GetAsync($"{Stats}&interval=month&groupBy=incident,dataset&format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("start,end,incidentId,incidentSlug,incidentTitle,dataset,events", lines[0]);
        Assert.EndsWith(",kazakhstan-2022-01,January 2022 unrest in Kazakhstan,none,5", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }
}
