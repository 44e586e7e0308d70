using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class FilteringEventsByBoundingBox(ApiFactory api) : EventTest(api)
{
    private async Task ArrangeAsync()
    {
        await At("Almaty", 43.2389, 76.8897);
        await At("Corner", 40, 70);
        await At("Antimeridian", -90, 180);
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Nowhere";
            Location(b).Remove("latitude");
            Location(b).Remove("longitude");
        });
    }

    private Task<string> At(string title, double lat, double lon) => CreateEventIdAsync(b =>
    {
        b["title"] = title;
        Location(b)["latitude"] = lat;
        Location(b)["longitude"] = lon;
    });

    [Theory]
    [InlineData("70,40,76.8897,43.2389", "Almaty|Corner")]
    [InlineData("70,40,70,40", "Corner")]
    [InlineData("70.000001,40,80,50", "Almaty")]
    [InlineData("-180,-90,180,90", "Almaty|Corner|Antimeridian")]
    [InlineData("179,-90,180,-89", "Antimeridian")]
    [InlineData(" 0 , 0 , 1 , 1 ", "")]
    [InlineData("80,40,70,50", "Corner")]
    [InlineData("180,-90,-180,90", "Antimeridian")]
    public async Task Points_on_the_edges_are_inside_and_events_without_coordinates_never_are(string bbox, string expected)
    {
        await ArrangeAsync();

        var titles = await TitlesAsync($"?bbox={Uri.EscapeDataString(bbox)}");

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries).Order(), titles.Order());
    }

    [Theory]
    [InlineData("70,40,80")]
    [InlineData("70,40,80,50,60")]
    [InlineData("a,b,c,d")]
    [InlineData("70;40;80;50")]
    [InlineData("NaN,40,80,50")]
    [InlineData("70,,80,50")]
    [InlineData("70,50,80,40")]
    [InlineData("-181,40,80,50")]
    [InlineData("70,40,181,50")]
    [InlineData("70,-91,80,50")]
    [InlineData("70,40,80,90.5")]
    [InlineData("1e400,40,80,50")]
    public async Task A_malformed_or_upside_down_or_out_of_range_box_is_a_400(string bbox)
    {
        var response = await Client.GetAsync($"/api/v1/events?bbox={Uri.EscapeDataString(bbox)}");
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("bbox", out _));
    }

    [Fact]
    public async Task A_box_whose_west_exceeds_its_east_crosses_the_antimeridian()
    {
        await At("Suva side", -17.5, 179.5);
        await At("Lau side", -16.5, -179.8);
        await At("Greenwich", -17, 0);
        await At("Too far south", -21, 179.5);

        var titles = await TitlesAsync("?bbox=177,-20,-178,-16");

        Assert.Equal(["Suva side", "Lau side"], titles.Order().Reverse());
    }

    [Theory]
    [InlineData("-180,80,180,90", "North pole camp|Svalbard")]
    [InlineData("170,80,-170,90", "North pole camp")]
    [InlineData("-180,-90,180,-80", "South pole station")]
    public async Task Boxes_at_the_poles_hold_what_lies_around_them(string bbox, string expected)
    {
        await At("North pole camp", 90, 175);
        await At("Svalbard", 80.5, 16);
        await At("South pole station", -90, 0);

        var titles = await TitlesAsync($"?bbox={bbox}");

        Assert.Equal(expected.Split('|').Order(), titles.Order());
    }
}
