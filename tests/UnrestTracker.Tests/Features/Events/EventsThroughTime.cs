using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class EventsThroughTime(ApiFactory api) : EventTest(api)
{
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<DateTimeOffset> PauseAsync()
    {
        await Task.Delay(15);
        var at = DateTimeOffset.UtcNow;
        await Task.Delay(15);
        return at;
    }

    [Fact]
    public async Task As_of_keeps_events_dated_up_to_that_moment()
    {
        await CreateEventIdAsync(b => { b["title"] = "Early"; b["date"] = "2022-01-02"; });
        var late = await CreateEventIdAsync(b => { b["title"] = "Late"; b["date"] = "2022-01-10"; });

        var listed = await TitlesAsync("?asOf=2022-01-09");
        var dayItself = await TitlesAsync("?asOf=2022-01-10T00:00:00Z");
        var single = await Client.GetAsync($"/api/v1/events/{late}?asOf=2022-01-09T23:59:59Z");

        Assert.Equal(["Early"], listed);
        Assert.Equal(["Early", "Late"], dayItself);
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
    }

    [Fact]
    public async Task Recorded_as_of_shows_each_event_in_the_version_current_then_and_hides_later_ones()
    {
        var id = await CreateEventIdAsync(b => b["title"] = "Old title");
        var beforeEdit = await PauseAsync();
        var get = await Client.GetAsync($"/api/v1/events/{id}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{id}") { Content = JsonContent.Create(Body(b => b["title"] = "New title")) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        (await Client.SendAsync(put)).EnsureSuccessStatusCode();
        await CreateEventIdAsync(b => b["title"] = "Recorded later");

        var then = await GetOkAsync($"/api/v1/events/{id}?recordedAsOf={Stamp(beforeEdit)}");
        var listThen = await TitlesAsync($"?recordedAsOf={Stamp(beforeEdit)}");
        var versionsThen = await GetOkAsync($"/api/v1/events/{id}/versions?recordedAsOf={Stamp(beforeEdit)}");
        var beforeItExisted = await Client.GetAsync($"/api/v1/events/{id}?recordedAsOf=2000-01-01");

        Assert.Equal("Old title", then.GetProperty("title").GetString());
        Assert.Equal(["Old title"], listThen);
        Assert.Single(versionsThen.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, beforeItExisted.StatusCode);
    }

    [Fact]
    public async Task A_tombstone_made_after_recorded_as_of_is_not_there_yet()
    {
        var id = await CreateEventIdAsync();
        var beforeDelete = await PauseAsync();
        await Client.DeleteAsync($"/api/v1/events/{id}?reason=duplicate");

        var then = await GetOkAsync($"/api/v1/events/{id}?recordedAsOf={Stamp(beforeDelete)}");
        var listThen = await TitlesAsync($"?recordedAsOf={Stamp(beforeDelete)}");
        var csvThen = await Client.GetStringAsync($"/api/v1/events?format=csv&recordedAsOf={Stamp(beforeDelete)}");
        var now = await GetOkAsync($"/api/v1/events/{id}");

        Assert.Equal(JsonValueKind.Null, then.GetProperty("deleted").ValueKind);
        Assert.Single(listThen);
        Assert.Contains(id, csvThen, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, now.GetProperty("deleted").ValueKind);
    }

    [Fact]
    public async Task Both_clocks_compose()
    {
        await CreateEventIdAsync(b => { b["title"] = "Early"; b["date"] = "2022-01-02"; });
        var between = await PauseAsync();
        await CreateEventIdAsync(b => { b["title"] = "Early but recorded later"; b["date"] = "2022-01-03"; });
        await CreateEventIdAsync(b => { b["title"] = "Late"; b["date"] = "2022-01-10"; });

        var titles = await TitlesAsync($"?asOf=2022-01-05&recordedAsOf={Stamp(between)}");

        Assert.Equal(["Early"], titles);
    }
}
