using System.Globalization;
using System.Net;
using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Caching;

/// <summary>
/// An answer pinned to a moment at or before the newest write never changes, so any cache may keep it; "now", or a moment
/// after the newest write, is answered as of that write, and its link names it.
/// </summary>
public sealed class PinningAnswersToTheNewestWrite(ApiFactory api) : ClaimsTest(api)
{
    private static string RecordedAsOf(string link) =>
        Uri.UnescapeDataString(link.Split("recordedAsOf=")[1].Split('&')[0]);

    /// <summary>W: the time of the newest change in the change log.</summary>
    private async Task<string> NewestWriteAsync()
    {
        var changes = await GetOkAsync("/api/v1/changes?limit=1000");
        return changes.GetProperty("items").EnumerateArray().Last().GetProperty("at").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptDatetime = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptDatetime is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task A_snapshot_is_cacheable_for_a_week_and_says_its_moment_in_memento_terms()
    {
        await StateAsync();
        var w = await NewestWriteAsync();
        var path = $"/api/v1/incidents/{IncidentId}/figures?recordedAsOf={w}";

        var response = await GetAsync(path);

        Assert.Equal("public, max-age=604800", ResponseHeaders.Header(response, "Cache-Control"));
        var at = DateTimeOffset.Parse(w, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture),
            ResponseHeaders.Header(response, "Memento-Datetime"));
        var links = ResponseHeaders.Header(response, "Link");
        Assert.Contains($"</api/v1/incidents/{IncidentId}/figures>; rel=\"original\"", links);
        Assert.Contains("rel=\"timegate\"", links);
        Assert.Contains("rel=\"memento\"", links);
        Assert.Equal(w, RecordedAsOf(ResponseHeaders.Snapshot(response)));
    }

    [Fact]
    public async Task A_future_recorded_as_of_or_today_is_answered_as_of_the_newest_write_and_its_link_names_it()
    {
        await StateAsync();
        var w = await NewestWriteAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        foreach (var asked in new[] { "2099-01-01T00:00:00Z", today })
        {
            var response = await GetAsync($"/api/v1/statements?recordedAsOf={asked}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-cache", ResponseHeaders.Header(response, "Cache-Control"));
            Assert.Equal(w, RecordedAsOf(ResponseHeaders.Snapshot(response)));
        }
        var now = await GetAsync("/api/v1/statements");
        Assert.Equal(w, RecordedAsOf(ResponseHeaders.Snapshot(now)));
        Assert.Empty(ResponseHeaders.Header(now, "Memento-Datetime"));
    }

    [Fact]
    public async Task A_snapshot_link_fetched_after_later_writes_reproduces_the_first_answer_byte_for_byte()
    {
        var first = await StateAsync(figures: Figure(164));
        var path = $"/api/v1/incidents/{IncidentId}/figures";
        var answer = await GetAsync(path);
        var body = await answer.Content.ReadAsByteArrayAsync();
        var link = ResponseHeaders.Snapshot(answer);

        await StateAsync("2022-01-12T09:00:00Z", Figure(225));
        await RetractAsync(first);

        var again = await Client.GetAsync(link);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(body, await (await GetAsync(path)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Accept_datetime_reads_the_past_like_recorded_as_of_and_names_its_snapshot()
    {
        await StateAsync();
        await Task.Delay(1500); // the header names whole seconds
        var moment = DateTimeOffset.UtcNow.AddMilliseconds(-100);
        await Task.Delay(1100);
        await StateAsync("2022-01-12T09:00:00Z");
        var header = moment.ToString("r", CultureInfo.InvariantCulture);
        var second = new DateTimeOffset(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var response = await GetAsync("/api/v1/statements", header);

        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(header, ResponseHeaders.Header(response, "Memento-Datetime"));
        Assert.Equal("public, max-age=604800", ResponseHeaders.Header(response, "Cache-Control"));
        Assert.Contains("Accept-Datetime", ResponseHeaders.Header(response, "Vary"));
        var location = ResponseHeaders.Header(response, "Content-Location");
        Assert.Equal(second, DateTimeOffset.Parse(RecordedAsOf(location), CultureInfo.InvariantCulture));
        Assert.Contains("</api/v1/statements>; rel=\"original\"", ResponseHeaders.Header(response, "Link"));
        Assert.Equal(2, (await GetOkAsync("/api/v1/statements")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Accept_datetime_that_is_not_an_http_date_or_sent_to_a_live_answer_is_a_400_naming_it()
    {
        foreach (var (path, value) in new[] { ("/api/v1/statements", "2022-01-09"), ("/api/v1/changes/stream", "Sun, 09 Jan 2022 14:00:00 GMT") })
        {
            var response = await GetAsync(path, value);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("Accept-Datetime", out _));
        }
        Assert.Equal("Accept-Datetime", ResponseHeaders.Header(await GetAsync("/api/v1/changes", "nonsense"), "Vary"));
    }

    [Fact]
    public async Task A_cli_import_made_while_the_api_runs_makes_the_next_conditional_get_answer_200()
    {
        await StateAsync();
        var first = await GetAsync("/api/v1/events");
        var etag = ResponseHeaders.Header(first, "ETag");
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events"))
        {
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(conditional)).StatusCode);
        }

        var (exit, _, stderr) = await OperatorCommand.RunAsync(Api, "import", "acled", SampleData.Path("acled_sample.csv"), "--country", "KZ");
        Assert.True(exit == 0, stderr);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        after.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await Client.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
    }
}
