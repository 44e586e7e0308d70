using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Features.ReadModel;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>ACLED and UCDP count the same riot: once linked, the combined range counts it once and shows how far they disagree.</summary>
public sealed class CombiningLinkedEvents(ApiFactory api) : EventClaimsTest(api)
{
    private Guid _acled;
    private Guid _ucdp;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acled = await CreateSourceIdAsync("ACLED");
        _ucdp = await CreateSourceIdAsync("UCDP", "other");
    }

    private async Task LinkAsync(Guid from, Guid to) =>
        (await Client.PostAsJsonAsync($"/api/v1/events/{from}/links", new { to, reason = "same riot" })).EnsureSuccessStatusCode();

    private async Task<JsonElement> RowAsync() =>
        Assert.Single((await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray());

    private static (int, int, int, decimal?, decimal?) Combined(JsonElement row)
    {
        var c = row.GetProperty("combined");
        decimal? Number(string name) => c.GetProperty(name).ValueKind == JsonValueKind.Null ? null : c.GetProperty(name).GetDecimal();
        return (c.GetProperty("clusters").GetInt32(), c.GetProperty("events").GetInt32(), c.GetProperty("sources").GetInt32(), Number("low"), Number("high"));
    }

    [Fact]
    public async Task Two_sources_disagreeing_on_one_linked_event_count_once_beside_an_unlinked_event()
    {
        var acledRiot = await CreateEventAsync("2022-01-05");
        var ucdpRiot = await CreateEventAsync("2022-01-05", title: "Riot in Almaty (UCDP)");
        var march = await CreateEventAsync("2022-01-07", title: "March in Aktobe");
        await StateOnEventAsync(acledRiot, "2022-01-20T09:00:00Z", _acled, Figure(10));
        await StateOnEventAsync(march, "2022-01-20T09:00:00Z", _acled, Figure(5));
        await StateOnEventAsync(ucdpRiot, "2022-01-20T09:00:00Z", _ucdp, RangeFigure(8, 14));
        var unlinked = Combined(await RowAsync());

        await LinkAsync(acledRiot, ucdpRiot);

        Assert.Equal((3, 3, 2, 23m, 29m), unlinked);
        Assert.Equal((2, 3, 2, 13m, 19m), Combined(await RowAsync()));
    }

    [Fact]
    public async Task A_cluster_of_three_counts_two_events_of_one_source_once_for_that_source_and_a_deleted_event_still_joins_it()
    {
        var first = await CreateEventAsync("2022-01-05");
        var second = await CreateEventAsync("2022-01-05", title: "Riot in Almaty, again");
        var third = await CreateEventAsync("2022-01-05", title: "Riot in Almaty (UCDP)");
        await StateOnEventAsync(first, "2022-01-20T09:00:00Z", _acled, Figure(10));
        await StateOnEventAsync(second, "2022-01-20T09:00:00Z", _acled, Figure(12));
        await StateOnEventAsync(third, "2022-01-20T09:00:00Z", _ucdp, Figure(7));
        await LinkAsync(first, second);
        await LinkAsync(second, third);
        var row = await RowAsync();

        (await Client.DeleteAsync($"/api/v1/events/{second}?reason=duplicate")).EnsureSuccessStatusCode();

        Assert.Equal((1, 3, 2, 7m, 12m), Combined(row));
        Assert.Equal(22m, row.GetProperty("eventSums").EnumerateArray().First(s => s.GetProperty("source").GetProperty("name").GetString() == "ACLED")
            .GetProperty("value").GetDecimal());
        Assert.Equal((1, 2, 2, 7m, 10m), Combined(await RowAsync()));
    }

    [Fact]
    public async Task A_retracted_or_a_new_event_figure_moves_the_combined_range_read_before_it_and_an_incident_wide_toll_leaves_it()
    {
        var acledRiot = await CreateEventAsync("2022-01-05");
        var ucdpRiot = await CreateEventAsync("2022-01-05", title: "Riot in Almaty (UCDP)");
        await StateOnEventAsync(acledRiot, "2022-01-20T09:00:00Z", _acled, Figure(10));
        var ucdp = await StateOnEventAsync(ucdpRiot, "2022-01-20T09:00:00Z", _ucdp, RangeFigure(8, 14));
        await LinkAsync(acledRiot, ucdpRiot);
        var linked = Combined(await RowAsync());

        await StateAsync("2022-01-21T09:00:00Z", Figure(30));
        var afterToll = Combined(await RowAsync());
        (await RetractAsync(ucdp, "2022-01-22T09:00:00Z")).EnsureSuccessStatusCode();
        var afterRetraction = Combined(await RowAsync());
        await StateOnEventAsync(ucdpRiot, "2022-01-23T09:00:00Z", _ucdp, Figure(20));

        Assert.Equal((1, 2, 2, 8m, 14m), linked);
        Assert.Equal(linked, afterToll);
        Assert.Equal((1, 1, 1, 10m, 10m), afterRetraction);
        Assert.Equal((1, 2, 2, 10m, 20m), Combined(await RowAsync()));
    }

    [Fact]
    public async Task Independent_sources_count_each_root_once_and_an_event_only_row_has_none()
    {
        var ministry = (await PostOkAsync("/api/v1/sources", new { name = "Ministry", kind = "government" })).GetProperty("id").GetGuid();
        var press = (await PostOkAsync("/api/v1/sources", new { name = "Ministry press office", kind = "government", parentId = ministry })).GetProperty("id").GetGuid();
        var prosecutors = await CreateSourceIdAsync("Prosecutors", "judiciary");
        await StateByAsync(ministry, "2022-01-10T09:00:00Z", Figure(164));
        await StateByAsync(press, "2022-01-11T09:00:00Z", Figure(170));
        await StateByAsync(prosecutors, "2022-01-12T09:00:00Z", Figure(225));
        var riot = await CreateEventAsync("2022-01-05");
        await StateOnEventAsync(riot, "2022-01-20T09:00:00Z", _acled, Figure(3, metric: "injured"));

        var rows = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("metric").GetString()!, r => r.GetProperty("independentSources").GetInt32());

        Assert.Equal(2, rows["killed"]);
        Assert.Equal(0, rows["injured"]);
    }

    [Fact]
    public async Task Links_and_unlinks_at_random_keep_the_clusters_and_the_combined_range_of_now_equal_to_history()
    {
        var events = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var riot = await CreateEventAsync($"2022-01-0{1 + i}", title: $"Riot {i}");
            await StateOnEventAsync(riot, "2022-01-20T09:00:00Z", i % 2 == 0 ? _acled : _ucdp, RangeFigure(i + 1, 2 * i + 3));
            events.Add(riot);
        }
        var random = new Random(28);
        var standing = new List<(Guid From, string Id)>();
        await using var owner = new NpgsqlConnection(Api.OwnerConnectionString);
        await owner.OpenAsync();
        for (var i = 0; i < 24; i++)
        {
            if (standing.Count > 0 && random.Next(3) == 0)
            {
                var (from, id) = standing[random.Next(standing.Count)];
                (await Client.DeleteAsync($"/api/v1/events/{from}/links/{id}?reason=not+the+same")).EnsureSuccessStatusCode();
                standing.Remove((from, id));
            }
            else
            {
                var (a, b) = (events[random.Next(events.Count)], events[random.Next(events.Count)]);
                var linked = await Client.PostAsJsonAsync($"/api/v1/events/{a}/links", new { to = b, reason = "same riot" });
                if (linked.IsSuccessStatusCode)
                {
                    standing.Add((a, (await BodyOf(linked)).GetProperty("id").GetString()!));
                }
            }

            Assert.Empty(await StatusNow.DifferencesAsync(owner, CancellationToken.None));
            var now = await Client.GetAsync($"/api/v1/incidents/{IncidentId}/figures");
            var row = (await BodyOf(now)).GetProperty("items")[0];
            var history = (await GetOkAsync($"{now.Snapshot()}&asOf=9999-12-31T00:00:00Z")).GetProperty("items")[0];
            Assert.Equal(Combined(history), Combined(row));
        }
        Assert.True(standing.Count > 0 && Combined(await RowAsync()).Item1 < events.Count, "some links stand at the end");
    }
}
