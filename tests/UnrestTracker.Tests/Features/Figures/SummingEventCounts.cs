using System.Net;
using System.Text.Json;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class SummingEventCounts(ApiFactory api) : EventClaimsTest(api)
{
    private Guid _acled;
    private Guid _riot;
    private Guid _march;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acled = await CreateSourceIdAsync("ACLED");
        _riot = await CreateEventAsync("2022-01-05");
        _march = await CreateEventAsync("2022-01-07", title: "March in Aktobe");
    }

    private async Task<List<JsonElement>> RowsAsync(string query = "") =>
        (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures{query}")).GetProperty("items").EnumerateArray().ToList();

    private static List<(string? Source, int Events, decimal? Value, decimal? Low, decimal? High)> Sums(JsonElement row) =>
        row.GetProperty("eventSums").EnumerateArray().Select(s => (s.GetProperty("source").GetProperty("name").GetString(), s.GetProperty("events").GetInt32(),
            Number(s, "value"), Number(s, "low"), Number(s, "high"))).ToList();

    private static decimal? Number(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    [Fact]
    public async Task Event_counts_leave_the_incident_headline_range_and_revision_count_alone()
    {
        var prosecutors = await CreateSourceIdAsync("Prosecutors", "judiciary");
        await StateAsync("2022-01-10T09:00:00Z", Figure(164));
        await StateByAsync(prosecutors, "2022-01-15T09:00:00Z", Figure(225));
        await StateOnEventAsync(_riot, "2022-01-16T09:00:00Z", _acled, Figure(1000));
        await StateOnEventAsync(_march, "2022-01-16T09:00:00Z", prosecutors, Figure(2));

        var row = Assert.Single(await RowsAsync());

        Assert.Equal(225m, row.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal((164m, 225m), (Number(row.GetProperty("range"), "low"), Number(row.GetProperty("range"), "high")));
        Assert.Equal(2, row.GetProperty("revisionCount").GetInt32());
        Assert.Equal([164m, 225m], row.GetProperty("perSource").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()).Order());
        Assert.Equal([("ACLED", 1, 1000m, 1000m, 1000m), ("Prosecutors", 1, 2m, 2m, 2m)], Sums(row));
    }

    [Fact]
    public async Task Each_source_sums_its_event_counts_with_low_and_high_falling_back_to_the_value_and_zeros_counted()
    {
        var ucdp = await CreateSourceIdAsync("UCDP", "other");
        var looting = await CreateEventAsync("2022-01-06", title: "Looting in Almaty");
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", _acled, Figure(12));
        await StateOnEventAsync(_march, "2022-01-20T09:00:00Z", _acled, RangeFigure(3, 9, value: 5));
        await StateOnEventAsync(looting, "2022-01-20T09:00:00Z", _acled, Figure(0));
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", ucdp, RangeFigure(10, 20));

        var sums = Sums(Assert.Single(await RowsAsync()));

        Assert.Equal([("ACLED", 3, 17m, 15m, 21m), ("UCDP", 1, null, 10m, 20m)], sums);
    }

    [Fact]
    public async Task A_later_count_of_the_same_event_from_the_same_source_replaces_the_earlier_one_in_the_sum()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(10));
        await StateOnEventAsync(_march, "2022-01-08T09:00:00Z", _acled, Figure(5));
        await StateOnEventAsync(_riot, "2022-01-20T09:00:00Z", _acled, Figure(12));

        Assert.Equal([("ACLED", 2, 17m, 17m, 17m)], Sums(Assert.Single(await RowsAsync())));
    }

    [Fact]
    public async Task A_retracted_event_count_leaves_the_sum_and_the_one_it_replaced_comes_back()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(10));
        var wrong = await StateOnEventAsync(_riot, "2022-01-09T09:00:00Z", _acled, Figure(99));
        await StateOnEventAsync(_march, "2022-01-08T09:00:00Z", _acled, Figure(5));
        await RetractAsync(wrong, "2022-01-10T09:00:00Z");

        var before = Sums(Assert.Single(await RowsAsync("?asOf=2022-01-09T12:00:00Z")));
        var after = Sums(Assert.Single(await RowsAsync()));

        Assert.Equal([("ACLED", 2, 104m, 104m, 104m)], before);
        Assert.Equal([("ACLED", 2, 15m, 15m, 15m)], after);
    }

    [Fact]
    public async Task A_deleted_event_takes_its_counts_out_of_the_sum_from_the_moment_it_was_deleted()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(10));
        var march = await StateOnEventAsync(_march, "2022-01-08T09:00:00Z", _acled, Figure(5));
        (await Client.DeleteAsync($"/api/v1/events/{_march}?reason=duplicate")).EnsureSuccessStatusCode();

        var now = Sums(Assert.Single(await RowsAsync()));
        var recordedBefore = Sums(Assert.Single(await RowsAsync($"?recordedAsOf={march.GetProperty("recordedAt").GetString()}")));

        Assert.Equal([("ACLED", 1, 10m, 10m, 10m)], now);
        Assert.Equal([("ACLED", 2, 15m, 15m, 15m)], recordedBefore);
    }

    [Fact]
    public async Task As_of_a_day_before_an_event_its_count_is_not_summed_yet()
    {
        await StateOnEventAsync(_riot, "2022-01-06T09:00:00Z", _acled, Figure(10));
        await StateOnEventAsync(_march, "2022-01-06T10:00:00Z", _acled, Figure(5));

        var before = Sums(Assert.Single(await RowsAsync("?asOf=2022-01-06")));
        var after = Sums(Assert.Single(await RowsAsync("?asOf=2022-01-07")));

        Assert.Equal([("ACLED", 1, 10m, 10m, 10m)], before);
        Assert.Equal([("ACLED", 2, 15m, 15m, 15m)], after);
    }

    [Fact]
    public async Task Counts_of_side_a_and_side_b_are_never_summed()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled,
            Figure(9), Subject(Figure(3), "side_a"), Subject(Figure(4), "side_b"), Subject(Figure(2), "civilians"));

        var rows = await RowsAsync();

        Assert.Equal([null, "civilians"], rows.Select(r => r.GetProperty("subject").GetString()));
        Assert.Equal([9m, 2m], rows.Select(r => Sums(r).Single().Value!.Value));
    }

    [Fact]
    public async Task Sums_too_large_for_a_reader_recorded_before_the_bound_are_null_with_a_note_not_a_500()
    {
        // Two counts of 5e28 each, written the way the API wrote them before values were bounded at 10^15.
        foreach (var eventId in new[] { _riot, _march })
        {
            var body = JsonSerializer.Serialize(EventStatement(eventId, "2022-01-10T09:00:00Z", _acled, Figure(5e28m)), Json);
            var request = JsonSerializer.Deserialize<StatementRequest>(body, Json)!;
            await Api.WithDbAsync(db => new Writer(db).WriteAsync("before the bound", async batch =>
            {
                CreateStatement.Record(db, batch, request);
                return await db.SaveChangesAsync();
            }, CancellationToken.None));
        }

        var response = await Client.GetAsync($"/api/v1/incidents/{IncidentId}/figures");
        var sum = (await BodyOf(response)).GetProperty("items")[0].GetProperty("eventSums")[0];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, sum.GetProperty("events").GetInt32());
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null], new[] { "value", "low", "high" }.Select(n => sum.GetProperty(n).ValueKind));
        Assert.Contains("10^15", sum.GetProperty("note").GetString(), StringComparison.Ordinal);
    }
}
