using System.Net;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class FilteringEvents(ApiFactory api) : EventTest(api)
{
    /// <summary>Four events that differ on every filtered field, plus one in another incident.</summary>
    private async Task ArrangeAsync()
    {
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Zhanaozen gas price protest";
            b["date"] = "2022-01-02";
            b["type"] = "protests";
            b["actors"] = new JsonArray("Protesters");
            b["externalRefs"] = new JsonArray(new JsonObject { ["system"] = "acled", ["id"] = "KAZ1" });
        });
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Almaty airport seized";
            b["description"] = "Rioters set the administration building on fire.";
            b["actors"] = new JsonArray("Rioters", "Police");
        });
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Bishkek solidarity rally";
            b["date"] = "2022-01-07";
            b["type"] = "protests";
            b["actors"] = new JsonArray("Protesters");
            Location(b)["country"] = "KG";
            Location(b)["latitude"] = 42.87;
            Location(b)["longitude"] = 74.59;
        });
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Day of mourning";
            b["date"] = "2022-01-10";
            b["type"] = "strategic_developments";
            Location(b).Remove("latitude");
            Location(b).Remove("longitude");
            Location(b)["precision"] = "country";
        });
        var other = (await CreateIncidentAsync("Other unrest", "other-unrest")).GetProperty("id").GetString();
        await CreateEventIdAsync(b =>
        {
            b["incidentId"] = other;
            b["title"] = "Elsewhere";
            b["date"] = "2022-01-03";
        });
    }

    [Theory]
    [InlineData("", "Zhanaozen gas price protest|Elsewhere|Almaty airport seized|Bishkek solidarity rally|Day of mourning")]
    [InlineData("?incident=fuel-protests", "Zhanaozen gas price protest|Almaty airport seized|Bishkek solidarity rally|Day of mourning")]
    [InlineData("?incident=other-unrest", "Elsewhere")]
    [InlineData("?country=KG", "Bishkek solidarity rally")]
    [InlineData("?type=protests", "Zhanaozen gas price protest|Bishkek solidarity rally")]
    [InlineData("?from=2022-01-05", "Almaty airport seized|Bishkek solidarity rally|Day of mourning")]
    [InlineData("?to=2022-01-05", "Zhanaozen gas price protest|Elsewhere|Almaty airport seized")]
    [InlineData("?from=2022-01-05&to=2022-01-05", "Almaty airport seized")]
    [InlineData("?from=2022-01-05T00:00:00Z&to=2022-01-07T12:00:00Z", "Almaty airport seized|Bishkek solidarity rally")]
    [InlineData("?from=2022-01-05T00:00:01Z", "Bishkek solidarity rally|Day of mourning")]
    [InlineData("?actor=Protesters", "Zhanaozen gas price protest|Bishkek solidarity rally")]
    [InlineData("?actor=Police", "Almaty airport seized")]
    [InlineData("?q=fire", "Almaty airport seized")]
    [InlineData("?q=protest OR rally OR seized", "Zhanaozen gas price protest|Almaty airport seized|Bishkek solidarity rally")]
    [InlineData("?bbox=70,40,80,45", "Zhanaozen gas price protest|Elsewhere|Almaty airport seized|Bishkek solidarity rally")]
    [InlineData("?externalRef=acled:KAZ1", "Zhanaozen gas price protest")]
    [InlineData("?externalRef=acled:KAZ2", "")]
    [InlineData("?type=protests&country=KZ", "Zhanaozen gas price protest")]
    [InlineData("?incident=fuel-protests&bbox=70,40,80,45&from=2022-01-06", "Bishkek solidarity rally")]
    [InlineData("?actor=Protesters&q=rally&to=2022-01-07T00:00:00Z", "Bishkek solidarity rally")]
    [InlineData("?incident=fuel-protests&type=riots&country=KZ&actor=Rioters&q=airport&bbox=76,43,77,44&from=2022-01-05&to=2022-01-05", "Almaty airport seized")]
    public async Task Filters_alone_and_combined_return_the_matching_events_in_date_order(string query, string expected)
    {
        await ArrangeAsync();

        var titles = await TitlesAsync(query);

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), titles);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_in_date_order_without_repeats_even_when_filtered_by_text()
    {
        await ArrangeAsync();

        var first = await GetOkAsync("/api/v1/events?q=protest OR rally OR seized&limit=2");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await GetOkAsync($"/api/v1/events?q=protest OR rally OR seized&limit=2&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(["Zhanaozen gas price protest", "Almaty airport seized"], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        Assert.Equal(["Bishkek solidarity rally"], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        Assert.Null(second.GetProperty("nextCursor").GetString());
    }

    [Theory]
    [InlineData("?country=kz", "country")]
    [InlineData("?type=riot", "type")]
    [InlineData("?from=2022-01-06&to=2022-01-05", "from")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?externalRef=acled", "externalRef")]
    [InlineData("?externalRef=:KAZ1", "externalRef")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?cursor=abc", "cursor")]
    [InlineData("?format=xlsx", "format")]
    [InlineData("?asOf=soon", "asOf")]
    public async Task A_malformed_filter_is_a_400_naming_it(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/v1/events{query}");
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_incident_filter_is_a_404()
    {
        var response = await Client.GetAsync("/api/v1/events?incident=no-such-incident");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
