using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class DemoEventsAreLoaded(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task The_demo_incident_has_its_five_events_in_date_order()
    {
        await Api.LoadDemoAsync();

        var page = await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01");
        var items = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["2022-01-02", "2022-01-05", "2022-01-05", "2022-01-06", "2022-01-10"], items.Select(e => e.GetProperty("date").GetString()));
        Assert.Equal(["protests", "riots", "strategic_developments"], items.Select(e => e.GetProperty("type").GetString()).Distinct().Order());
        Assert.All(items, e => Assert.NotEmpty(e.GetProperty("sourceIds").EnumerateArray()));
        var mourning = items[^1].GetProperty("location");
        Assert.Equal(("country", JsonValueKind.Null), (mourning.GetProperty("precision").GetString(), mourning.GetProperty("latitude").ValueKind));
        Assert.Equal(43.34, items[0].GetProperty("location").GetProperty("latitude").GetDouble());
    }

    [Fact]
    public async Task Loading_the_demo_twice_records_its_events_once()
    {
        await Api.LoadDemoAsync();
        await Api.LoadDemoAsync();

        var page = await GetOkAsync("/api/v1/events");

        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_demo_geojson_keeps_the_country_wide_event_without_geometry()
    {
        await Api.LoadDemoAsync();

        var geo = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/events?format=geojson")).RootElement;
        var geometries = geo.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("geometry")).ToList();

        Assert.Equal(5, geometries.Count);
        Assert.Equal(JsonValueKind.Null, geometries[^1].ValueKind);
        Assert.Equal([52.86, 43.34], geometries[0].GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
    }
}
