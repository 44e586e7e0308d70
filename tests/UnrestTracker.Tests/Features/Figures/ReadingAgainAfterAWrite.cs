using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>
/// eventSums and the current figures are remembered per history prefix (HistoryMemo): a dashboard polling them must see
/// each write at once, and a cited snapshot must keep its answer after later writes.
/// </summary>
public sealed class ReadingAgainAfterAWrite(ApiFactory api) : EventClaimsTest(api)
{
    private static List<(string? Source, int Events, decimal Value)> Sums(JsonElement page) => page.GetProperty("items").EnumerateArray()
        .SelectMany(r => r.GetProperty("eventSums").EnumerateArray())
        .Select(s => (s.GetProperty("source").GetProperty("name").GetString(), s.GetProperty("events").GetInt32(), s.GetProperty("value").GetDecimal()))
        .ToList();

    private static List<decimal> Values(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()).ToList();

    [Fact]
    public async Task Event_sums_follow_each_write_and_a_cited_snapshot_keeps_its_sums()
    {
        var acled = await CreateSourceIdAsync("ACLED", "other");
        var riot = await CreateEventAsync("2022-01-05");
        var march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        var first = await StateOnEventAsync(riot, "2022-01-07T09:00:00Z", acled, Figure(10));
        var path = $"/api/v1/incidents/{IncidentId}/figures";
        Assert.Equal([("ACLED", 1, 10m)], Sums(await GetOkAsync(path)));
        var snapshot = first.GetProperty("recordedAt").GetString();

        await StateOnEventAsync(march, "2022-01-08T09:00:00Z", acled, Figure(4));
        Assert.Equal([("ACLED", 2, 14m)], Sums(await GetOkAsync(path)));

        var revised = await StateOnEventAsync(riot, "2022-01-09T09:00:00Z", acled, Figure(12));
        Assert.Equal([("ACLED", 2, 16m)], Sums(await GetOkAsync(path)));

        await RetractAsync(revised, "2022-01-10T09:00:00Z");
        Assert.Equal([("ACLED", 2, 14m)], Sums(await GetOkAsync(path)));
        Assert.Equal([("ACLED", 1, 10m)], Sums(await GetOkAsync($"{path}?recordedAsOf={snapshot}")));
    }

    [Fact]
    public async Task The_current_figures_of_the_whole_database_follow_each_write()
    {
        var path = "/api/v1/figures?status=current";
        var first = await StateAsync("2022-01-10T09:00:00Z", Figure(164));
        Assert.Equal([164m], Values(await GetOkAsync(path)));

        var revision = await StateAsync("2022-01-15T09:00:00Z", Figure(225));
        Assert.Equal([225m], Values(await GetOkAsync(path)));

        await RetractAsync(revision, "2022-01-16T09:00:00Z");
        Assert.Equal([164m], Values(await GetOkAsync(path)));
        Assert.Equal([164m], Values(await GetOkAsync($"{path}&recordedAsOf={first.GetProperty("recordedAt").GetString()}")));
    }

    [Fact]
    public async Task Concurrent_first_reads_all_get_the_sums()
    {
        var acled = await CreateSourceIdAsync("ACLED", "other");
        foreach (var day in new[] { "2022-01-05", "2022-01-06", "2022-01-07" })
        {
            await StateOnEventAsync(await CreateEventAsync(day), $"{day}T18:00:00Z", acled, Figure(2));
        }

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")));

        Assert.All(pages, page => Assert.Equal([("ACLED", 3, 6m)], Sums(page)));
    }

    [Fact]
    public async Task Two_figures_of_one_statement_that_tie_are_both_current_and_both_in_the_range()
    {
        var tie = Figure(200);
        tie["asOf"] = "2022-01-10T09:00:00Z";
        await StateAsync("2022-01-10T09:00:00Z", Figure(164), tie);

        var current = await GetOkAsync($"/api/v1/figures?status=current&incident={IncidentId}");
        var row = Assert.Single((await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray());

        Assert.Equal([164m, 200m], Values(current).Order());
        Assert.Equal((164m, 200m), (row.GetProperty("range").GetProperty("low").GetDecimal(), row.GetProperty("range").GetProperty("high").GetDecimal()));
        Assert.Single(row.GetProperty("perSource").EnumerateArray());
    }
}
