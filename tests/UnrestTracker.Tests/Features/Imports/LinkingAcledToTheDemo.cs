using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>ACLED's record of the Almaty riot joins the demo: found as a candidate, linked, counted once; deleted here, it stays deleted.</summary>
public sealed class LinkingAcledToTheDemo(ApiFactory api) : ImportTest(api)
{
    private const string KazakhJanuary = "?incident=kazakhstan-2022-01&country=KZ&from=2022-01-01&to=2022-01-31";

    private async Task<string> EventIdAsync(string query) => (await GetOkAsync($"/api/v1/events?{query}")).GetProperty("items")[0].GetProperty("id").GetString()!;

    private async Task<JsonElement> KilledAsync() => (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed")).GetProperty("items")
        .EnumerateArray().Single(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null && r.GetProperty("scope").ValueKind == JsonValueKind.Null);

    [Fact]
    public async Task The_demos_Almaty_riot_finds_ACLEDs_record_as_a_candidate_and_once_linked_each_cluster_counts_once()
    {
        await Api.LoadDemoAsync();
        await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), KazakhJanuary);
        var acled = await EventIdAsync("externalRef=acled:KAZ2811");
        var demo = await EventIdAsync("q=airport&incident=kazakhstan-2022-01");

        var candidates = (await GetOkAsync($"/api/v1/events/{demo}/candidates")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        (await Client.PostAsJsonAsync($"/api/v1/events/{demo}/links", new { to = acled, reason = "same riot, a day apart in the records" })).EnsureSuccessStatusCode();
        var killed = await KilledAsync();

        Assert.Contains(acled, candidates);
        Assert.Contains((await GetOkAsync($"/api/v1/events/{demo}")).GetProperty("sameAs").EnumerateArray(), e => e.GetProperty("id").GetString() == acled);
        var sums = Assert.Single(killed.GetProperty("eventSums").EnumerateArray());
        var combined = killed.GetProperty("combined");
        // The demo's riot carries no event-level count: ACLED's figures alone, one per event, each event its own cluster.
        Assert.Equal((sums.GetProperty("events").GetInt32(), sums.GetProperty("events").GetInt32(), 1),
            (combined.GetProperty("clusters").GetInt32(), combined.GetProperty("events").GetInt32(), combined.GetProperty("sources").GetInt32()));
        Assert.Equal((sums.GetProperty("low").GetDecimal(), sums.GetProperty("high").GetDecimal()),
            (combined.GetProperty("low").GetDecimal(), combined.GetProperty("high").GetDecimal()));
        Assert.True(killed.GetProperty("independentSources").GetInt32() >= 2);
    }

    [Fact]
    public async Task An_event_deleted_here_is_not_created_again_by_a_later_import_but_one_deleted_upstream_is()
    {
        var first = await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), KazakhJanuary);
        var riot = await EventIdAsync("externalRef=acled:KAZ2811");
        var attack = await EventIdAsync("externalRef=acled:KAZ2867");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/events/{riot}?reason=duplicate&duplicateOf={attack}")).StatusCode);

        var again = await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), KazakhJanuary);
        await ImportOkAsync("acled-deletions", Written("event_id_cnty,deleted_timestamp\nKAZ2867,1650000000\n"));
        var afterUpstream = await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), KazakhJanuary);

        Assert.Equal((0L, Count(first, "skipped") + 1), (Count(again, "eventsCreated"), Count(again, "skipped")));
        Assert.Empty((await GetOkAsync("/api/v1/events?externalRef=acled:KAZ2811")).GetProperty("items").EnumerateArray());
        Assert.Equal(1L, Count(afterUpstream, "eventsCreated"));
    }
}
