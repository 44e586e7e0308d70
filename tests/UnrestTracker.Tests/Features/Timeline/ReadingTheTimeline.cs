using System.Net;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Timeline;

public sealed class ReadingTheTimeline(ApiFactory api) : ApiTest(api)
{
    private const string Timeline = "/api/v1/incidents/kazakhstan-2022-01/timeline";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    private async Task<List<JsonElement>> ItemsAsync(string query = "") =>
        (await GetOkAsync($"{Timeline}?limit=1000{query}")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task The_demo_story_reads_oldest_first_with_events_statements_and_the_retraction()
    {
        var items = await ItemsAsync();

        var moments = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(moments.Order(), moments);
        Assert.Equal(5, items.Count(i => i.GetProperty("kind").GetString() == "event"));
        Assert.Equal(8, items.Count(i => i.GetProperty("kind").GetString() == "statement"));
        var retraction = Assert.Single(items, i => i.GetProperty("kind").GetString() == "retraction");
        Assert.Equal(DateTimeOffset.Parse("2022-01-09T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture), retraction.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("technical mistake", retraction.GetProperty("retraction").GetProperty("reason").GetString());
        Assert.Equal("more_than", retraction.GetProperty("retraction").GetProperty("figures")[0].GetProperty("qualifier").GetString());
    }

    [Fact]
    public async Task Each_item_is_complete_without_another_call()
    {
        var items = await ItemsAsync();

        var firstEvent = items.First(i => i.GetProperty("kind").GetString() == "event");
        var health = items.First(i => i.GetProperty("kind").GetString() == "statement"
            && i.GetProperty("source").GetProperty("name").GetString()!.Contains("Health", StringComparison.Ordinal));
        Assert.Equal(DateTimeOffset.Parse("2022-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), firstEvent.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("protests", firstEvent.GetProperty("event").GetProperty("type").GetString());
        Assert.Equal(firstEvent.GetProperty("id").GetString(), firstEvent.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(2, health.GetProperty("statement").GetProperty("figures").GetArrayLength());
        Assert.False(health.TryGetProperty("event", out _));
    }

    [Fact]
    public async Task The_kinds_filter_keeps_only_what_was_asked_and_rejects_an_unknown_kind()
    {
        var retractionsAndEvents = await ItemsAsync("&kinds=retraction,event");
        var unknown = await Client.GetAsync($"{Timeline}?kinds=event,rumour");

        Assert.Equal(6, retractionsAndEvents.Count);
        Assert.DoesNotContain(retractionsAndEvents, i => i.GetProperty("kind").GetString() == "statement");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Paging_by_cursor_returns_the_same_story_in_the_same_order()
    {
        var whole = (await ItemsAsync()).Select(i => i.GetProperty("id").GetString() + i.GetProperty("kind").GetString()).ToList();

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetOkAsync($"{Timeline}?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString() + i.GetProperty("kind").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task As_of_the_ninth_at_noon_the_story_stops_there_and_nothing_is_retracted_yet()
    {
        var items = await ItemsAsync("&asOf=2022-01-09T12:00:00Z");
        var window = await ItemsAsync("&from=2022-01-09&to=2022-01-09");

        Assert.Equal(DateTimeOffset.Parse("2022-01-09T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), items[^1].GetProperty("at").GetDateTimeOffset());
        Assert.DoesNotContain(items, i => i.GetProperty("kind").GetString() == "retraction");
        Assert.All(items.Where(i => i.GetProperty("kind").GetString() == "statement"),
            i => Assert.Equal("active", i.GetProperty("statement").GetProperty("status").GetString()));
        Assert.Equal(3, window.Count);
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/v1/incidents/no-such-incident/timeline")).StatusCode);
}
