using System.Net;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class FilteringByEventAndLevel(ApiFactory api) : EventClaimsTest(api)
{
    private Guid _riot;
    private Guid _march;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _riot = await CreateEventAsync();
        _march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        await StateAsync("2022-01-05T20:00:00Z", Figure(100));
        await StateOnEventAsync(_riot, "2022-01-06T09:00:00Z", figures: Figure(12));
        await StateOnEventAsync(_march, "2022-01-06T10:00:00Z", figures: Figure(5));
    }

    private async Task<List<decimal>> ValuesAsync(string path) =>
        (await GetOkAsync(path)).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()).ToList();

    private async Task<List<string>> SummaryCellsAsync(string query)
    {
        var response = await Client.GetAsync($"/api/v1/statements?format=csv&{query}");
        var csv = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the export answered {(int)response.StatusCode}: {csv}");
        return csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
    }

    [Fact]
    public async Task Figures_filter_by_event_and_by_level()
    {
        Assert.Equal([12m], await ValuesAsync($"/api/v1/figures?event={_riot}"));
        Assert.Equal([100m], await ValuesAsync("/api/v1/figures?level=incident"));
        Assert.Equal([12m, 5m], await ValuesAsync($"/api/v1/figures?level=event&incident={IncidentId}"));
        Assert.Empty(await ValuesAsync($"/api/v1/figures?level=incident&event={_march}"));
    }

    [Fact]
    public async Task Current_figures_of_both_levels_page_together_in_stated_order()
    {
        await StateOnEventAsync(_riot, "2022-01-07T09:00:00Z", figures: Figure(13));
        await StateAsync("2022-01-08T09:00:00Z", Figure(150));

        var paged = new List<decimal>();
        var path = "/api/v1/figures?status=current&limit=1";
        for (var page = await GetOkAsync(path); ; page = await GetOkAsync($"{path}&cursor={page.GetProperty("nextCursor").GetString()}"))
        {
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
            if (page.GetProperty("nextCursor").GetString() is null)
            {
                break;
            }
        }

        Assert.Equal([5m, 13m, 150m], paged);
        Assert.Equal([5m, 13m], await ValuesAsync("/api/v1/figures?status=current&level=event"));
        Assert.Equal([150m], await ValuesAsync($"/api/v1/figures?status=current&incident={IncidentId}&level=incident"));
    }

    [Fact]
    public async Task Statements_filter_by_event_and_by_level_in_lists_and_csv()
    {
        var byEvent = (await GetOkAsync($"/api/v1/statements?event={_march}")).GetProperty("items").EnumerateArray().ToList();
        var wide = (await GetOkAsync("/api/v1/statements?level=incident")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([_march], byEvent.Select(s => s.GetProperty("eventId").GetGuid()));
        Assert.Equal([100m], wide.Select(s => s.GetProperty("figures")[0].GetProperty("value").GetDecimal()));
        Assert.Equal(2, (await SummaryCellsAsync("level=event")).Count);
        Assert.Contains(_riot.ToString(), Assert.Single(await SummaryCellsAsync($"event={_riot}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figure_csv_takes_the_same_filters()
    {
        var csv = await (await Client.GetAsync($"/api/v1/figures?format=csv&event={_riot}")).Content.ReadAsStringAsync();

        var row = Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Contains($",{_riot},", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/figures?event=not-a-uuid", HttpStatusCode.BadRequest, "event")]
    [InlineData("/api/v1/statements?event=not-a-uuid", HttpStatusCode.BadRequest, "event")]
    [InlineData("/api/v1/figures?level=city", HttpStatusCode.BadRequest, "level")]
    [InlineData("/api/v1/statements?level=city&format=csv", HttpStatusCode.BadRequest, "level")]
    [InlineData("/api/v1/figures?event=0190c5f4-0000-7000-8000-000000000000", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/statements?event=0190c5f4-0000-7000-8000-000000000000&format=csv", HttpStatusCode.NotFound, null)]
    public async Task A_malformed_filter_is_a_400_naming_it_and_an_unknown_event_a_404(string path, HttpStatusCode status, string? named)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        if (named is not null)
        {
            Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(named, out _));
        }
    }
}
