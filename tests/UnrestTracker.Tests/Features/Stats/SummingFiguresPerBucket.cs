using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>Weekly event counts per source: the same sums as eventSums, moved only where a write or a retraction lands.</summary>
public sealed class SummingFiguresPerBucket(ApiFactory api) : EventClaimsTest(api)
{
    private Guid _acled;
    private Guid _riot;
    private Guid _march;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acled = await CreateSourceIdAsync("ACLED");
        _riot = await CreateEventAsync("2022-01-05");
        _march = await CreateEventAsync("2022-01-18", title: "March in Aktobe");
    }

    private Task<JsonElement> WeeksAsync(string query = "") =>
        GetOkAsync($"/api/v1/stats/figures?incident={IncidentId}&metric=killed&interval=week&from=2022-01-03&to=2022-01-23{query}");

    [Fact]
    public async Task Each_source_sums_its_counts_per_week_with_empty_weeks_as_zeros()
    {
        var ucdp = await CreateSourceIdAsync("UCDP", "other");
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", _acled, Figure(12));
        await StateOnEventAsync(_march, "2022-01-20T09:00:00Z", _acled, RangeFigure(3, 9, value: 5));
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", ucdp, RangeFigure(10, 20));

        var answer = await WeeksAsync();

        Assert.Equal([("2022-01-03", 1, 12m, 12m, 12m), ("2022-01-03", 1, null, 10m, 20m), ("2022-01-10", 0, 0m, 0m, 0m), ("2022-01-10", 0, 0m, 0m, 0m),
            ("2022-01-17", 1, 5m, 3m, 9m), ("2022-01-17", 0, 0m, 0m, 0m)], Sums(answer));
        Assert.Equal(["ACLED", "UCDP", "ACLED", "UCDP", "ACLED", "UCDP"], Buckets(answer).Select(b => Group(b, "source")));
        var eventSums = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?metric=killed")).GetProperty("items")[0].GetProperty("eventSums");
        Assert.Equal(eventSums.EnumerateArray().Select(s => s.GetProperty("events").GetInt32()),
            Sums(answer).Chunk(2).Aggregate(new[] { 0, 0 }, (sum, week) => [sum[0] + week[0].Events, sum[1] + week[1].Events]));
    }

    [Fact]
    public async Task A_write_and_a_retraction_move_their_event_s_week_and_nothing_else_and_an_earlier_recordedAsOf_does_not_move()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(10));
        var first = await StateOnEventAsync(_march, "2022-01-19T09:00:00Z", _acled, Figure(5));
        var before = Sums(await WeeksAsync());

        var wrong = await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", _acled, Figure(99));
        var written = Sums(await WeeksAsync());
        (await RetractAsync(wrong, "2022-01-21T09:00:00Z")).EnsureSuccessStatusCode();
        var retracted = Sums(await WeeksAsync());
        var then = Sums(await WeeksAsync($"&recordedAsOf={first.GetProperty("recordedAt").GetString()}"));
        var knownThen = Sums(await WeeksAsync("&asOf=2022-01-20T12:00:00Z"));

        Assert.Equal([("2022-01-03", 1, 10m, 10m, 10m), ("2022-01-10", 0, 0m, 0m, 0m), ("2022-01-17", 1, 5m, 5m, 5m)], before);
        Assert.Equal([("2022-01-03", 1, 99m, 99m, 99m), before[1], before[2]], written);
        Assert.Equal(before, retracted);
        Assert.Equal(before, then);
        Assert.Equal(written, knownThen);
    }

    [Fact]
    public async Task Groups_by_the_event_s_admin1_keep_each_source_apart()
    {
        var aktobe = await PostOkAsync("/api/v1/events", new
        {
            incidentId = IncidentId,
            date = "2022-01-06",
            type = "protests",
            title = "Rally in Aktobe",
            location = new { country = "KZ", admin1 = "Aktobe", precision = "admin1" },
        });
        await StateOnEventAsync(aktobe.GetProperty("id").GetGuid(), "2022-01-20T09:00:00Z", _acled, Figure(2));
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", _acled, Figure(12));

        var answer = await GetOkAsync($"/api/v1/stats/figures?incident={IncidentId}&metric=killed&interval=month&groupBy=admin1,type");

        Assert.Equal([("ACLED", "Aktobe", "protests", 2m), ("ACLED", null, "riots", 12m)],
            Buckets(answer).Select(b => (Group(b, "source"), Group(b, "admin1"), Group(b, "type"), Number(b, "value"))));
    }
}
