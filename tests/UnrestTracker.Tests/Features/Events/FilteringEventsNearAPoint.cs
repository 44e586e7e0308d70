using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>near=lat,lon&amp;withinKm=: great-circle distance on a sphere of radius 6,371.0088 km, edge inside.</summary>
public sealed class FilteringEventsNearAPoint(ApiFactory api) : EventTest(api)
{
    private Task<string> At(string title, double lat, double lon, string date = "2022-01-05") => CreateEventIdAsync(b =>
    {
        b["title"] = title;
        b["date"] = date;
        Location(b)["latitude"] = lat;
        Location(b)["longitude"] = lon;
    });

    [Fact]
    public async Task Events_within_50_km_of_almaty_are_listed_in_date_order()
    {
        await At("Almaty airport", 43.3521, 77.0405, "2022-01-06");
        await At("Almaty square", 43.2389, 76.8897, "2022-01-05");
        await At("Talgar", 43.3030, 77.2400, "2022-01-07");
        await At("Kapchagay", 43.8847, 77.0681);
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Nowhere";
            Location(b).Remove("latitude");
            Location(b).Remove("longitude");
        });

        var titles = await TitlesAsync("?near=43.2389,76.8897&withinKm=50");

        Assert.Equal(["Almaty square", "Almaty airport", "Talgar"], titles);
    }

    [Theory]
    [InlineData("0,0", "111.19508", "")]
    [InlineData("0,0", "111.19509", "One degree east")]
    [InlineData("0,0", "111.1950802335329", "One degree east")]
    [InlineData("0,1", "0.000001", "One degree east")]
    public async Task A_point_exactly_on_the_edge_is_inside_and_one_just_beyond_is_not(string near, string km, string expected)
    {
        await At("One degree east", 0, 1);

        var titles = await TitlesAsync($"?near={near}&withinKm={km}");

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), titles);
    }

    [Theory]
    [InlineData("-17,179.9", "100", "Suva side|Lau side")]
    [InlineData("-17,-179.9", "100", "Suva side|Lau side")]
    [InlineData("-17,179.9", "30", "Suva side")]
    public async Task A_circle_across_the_antimeridian_holds_both_sides(string near, string km, string expected)
    {
        await At("Suva side", -17.1, 179.7);
        await At("Lau side", -17.2, -179.6);
        await At("Greenwich", -17, 0);

        var titles = await TitlesAsync($"?near={near}&withinKm={km}");

        Assert.Equal(expected.Split('|').Order(), titles.Order());
    }

    [Theory]
    [InlineData("89.9,0", "50", "Pole|Other side of the pole")]
    [InlineData("-89.5,45", "100", "South pole")]
    [InlineData("0,0", "20000", "Pole|Other side of the pole|South pole|Antipode side")]
    public async Task A_circle_around_a_pole_holds_every_longitude(string near, string km, string expected)
    {
        await At("Pole", 90, 0);
        await At("Other side of the pole", 89.8, 180);
        await At("South pole", -90, 120);
        await At("Antipode side", 1, 179);

        var titles = await TitlesAsync($"?near={near}&withinKm={km}");

        Assert.Equal(expected.Split('|').Order(), titles.Order());
    }

    [Fact]
    public async Task Exports_filter_the_same_way()
    {
        await At("Almaty square", 43.2389, 76.8897);
        await At("Astana", 51.1694, 71.4491);

        var csv = await Client.GetStringAsync("/api/v1/events?format=csv&near=43.2389,76.8897&withinKm=50");
        var geojson = await Client.GetStringAsync("/api/v1/events?format=geojson&near=43.2389,76.8897&withinKm=50");

        Assert.Contains("Almaty square", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Astana", csv, StringComparison.Ordinal);
        Assert.Contains("Almaty square", geojson, StringComparison.Ordinal);
        Assert.DoesNotContain("Astana", geojson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("near=43.2,76.9", "withinKm")]
    [InlineData("withinKm=50", "near")]
    [InlineData("near=43.2&withinKm=50", "near")]
    [InlineData("near=43.2,76.9,1&withinKm=50", "near")]
    [InlineData("near=91,0&withinKm=50", "near")]
    [InlineData("near=0,180.5&withinKm=50", "near")]
    [InlineData("near=a,b&withinKm=50", "near")]
    [InlineData("near=&withinKm=50", "near")]
    [InlineData("near=43.2,76.9&withinKm=0", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=-5", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=20000.1", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=NaN", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=1e400", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=fifty", "withinKm")]
    [InlineData("near=43.2,76.9&withinKm=50&withinKm=60", "withinKm")]
    public async Task A_missing_partner_or_a_bad_point_or_radius_is_a_400_naming_it(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/v1/events?{query}");
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}
