using System.Net.Http.Json;
using UnrestTracker.Tests.Features.Events;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>The counts of the present come from what the writes keep; its snapshot link counts from history.</summary>
public sealed class CountingTheEventsOfThePresent(ApiFactory api) : EventTest(api)
{
    private const string Stats = "/api/v1/stats/events?incident=fuel-protests&interval=day&groupBy=type,admin1";

    [Fact]
    public async Task After_an_edit_and_a_deletion_the_present_moves_and_its_snapshot_link_counts_the_same()
    {
        var moved = await CreateEventIdAsync(b => b["date"] = "2022-01-06");
        var deleted = await CreateEventIdAsync(b => (b["date"], b["type"]) = ("2022-01-07", "protests"));
        await CreateEventIdAsync(b => b["date"] = "2022-01-08");
        var before = await GetOkAsync(Stats);
        var get = await Client.GetAsync($"/api/v1/events/{moved}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{moved}")
        {
            Content = JsonContent.Create(Body(b => (b["date"], b["type"], Location(b)["admin1"]) = ("2022-01-12", "protests", "Mangystau"))),
        };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        (await Client.SendAsync(put)).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/api/v1/events/{deleted}?reason=duplicate")).EnsureSuccessStatusCode();

        var now = await Client.GetAsync(Stats);
        var present = await BodyOf(now);
        var snapshot = await GetOkAsync(now.Snapshot());

        var counted = Buckets(present).Where(b => b.GetProperty("events").GetInt32() > 0)
            .Select(b => $"{Start(b)} {Group(b, "type")} {Group(b, "admin1") ?? "none"} {b.GetProperty("events").GetInt32()}");
        Assert.Equal(3, Buckets(before).Sum(b => b.GetProperty("events").GetInt32()));
        Assert.Equal(["2022-01-08 riots none 1", "2022-01-12 protests Mangystau 1"], counted);
        Assert.Equal(present.GetProperty("buckets").GetRawText(), snapshot.GetProperty("buckets").GetRawText());
    }
}
