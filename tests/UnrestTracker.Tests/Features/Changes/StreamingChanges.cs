using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Changes;

public sealed class StreamingChanges(ApiFactory api) : ApiTest(api)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const string Stream = "/api/v1/changes/stream";

    private async Task<List<long>> SeqsAsync() =>
        (await GetOkAsync("/api/v1/changes?limit=1000")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()).ToList();

    [Fact]
    public async Task A_write_reaches_an_open_stream_within_a_second()
    {
        await CreateSourceAsync("First");
        var newest = (await SeqsAsync()).Last();
        await using var stream = await EventStream.OpenAsync(Client, Stream);
        var start = await stream.NextBlockAsync(Second);

        var incident = await CreateIncidentAsync();
        var change = await stream.NextEventAsync(Second);

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no", stream.Response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.True(stream.Response.Headers.CacheControl is { NoStore: true, Private: true });
        Assert.False(stream.Response.Headers.Contains("Link"));
        Assert.Equal($"after {newest}", start.Comments[0]);
        Assert.Equal("change", change.Type);
        Assert.Equal((newest + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), change.Id);
        Assert.Equal("incident", change.Json.GetProperty("entity").GetString());
        Assert.Equal("created", change.Json.GetProperty("op").GetString());
        Assert.Equal(incident.GetProperty("id").GetString(), change.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_what_it_missed_and_then_what_follows()
    {
        foreach (var name in new[] { "One", "Two", "Three" })
        {
            await CreateSourceAsync(name);
        }
        var seqs = await SeqsAsync();

        await using var resumed = await EventStream.OpenAsync(Client, $"{Stream}?after=0", lastEventId: seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missed = new[] { await resumed.NextEventAsync(Second), await resumed.NextEventAsync(Second) };
        await CreateSourceAsync("Four");
        var next = await resumed.NextEventAsync(Second);

        Assert.Equal(seqs.Skip(1).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), missed.Select(e => e.Id));
        Assert.Equal("Four", (await GetOkAsync($"/api/v1/sources/{next.Json.GetProperty("id").GetString()}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Four_concurrent_writers_are_streamed_once_each_in_commit_order_without_gaps()
    {
        await using var stream = await EventStream.OpenAsync(Client, Stream);
        await stream.NextBlockAsync(Second);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                (await Client.PostAsJsonAsync("/api/v1/sources", new { name = $"Writer {writer} source {i}", kind = "media" })).EnsureSuccessStatusCode();
            }
        })));
        var streamed = new List<long>();
        while (streamed.Count < 40)
        {
            streamed.Add(long.Parse((await stream.NextEventAsync(Second * 3)).Id!, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(await SeqsAsync(), streamed);
    }

    [Fact]
    public async Task Filters_keep_only_the_named_entities_of_the_named_incident()
    {
        var shown = (await CreateIncidentAsync("Shown", "shown")).GetProperty("id").GetString();
        var other = (await CreateIncidentAsync("Other", "other")).GetProperty("id").GetString();
        await using var events = await EventStream.OpenAsync(Client, $"{Stream}?incident=shown&entity=event,statement");
        await events.NextBlockAsync(Second);

        await CreateSourceAsync("Not an event");
        await PostOkAsync("/api/v1/events", EventIn(other!));
        var riot = await PostOkAsync("/api/v1/events", EventIn(shown!));
        var change = await events.NextEventAsync(Second);

        Assert.Equal(riot.GetProperty("id").GetString(), change.Json.GetProperty("id").GetString());
        Assert.Equal("event", change.Json.GetProperty("entity").GetString());
    }

    private static object EventIn(string incidentId) =>
        new { incidentId, date = "2022-01-05", type = "riots", title = "Riot", location = new { country = "KZ", precision = "country" } };

    [Theory]
    [InlineData("?after=-1", null, "after")]
    [InlineData("?after=999999", null, "after")]
    [InlineData("", "abc", "Last-Event-ID")]
    [InlineData("", "999999", "Last-Event-ID")]
    [InlineData("?entity=incident,person", null, "entity")]
    [InlineData("?recordedAsOf=2022-01-01", null, "recordedAsOf")]
    public async Task A_bad_position_or_filter_is_a_400_naming_it(string query, string? lastEventId, string field)
    {
        await CreateSourceAsync();

        await using var stream = await EventStream.OpenAsync(Client, Stream + query, lastEventId);

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        Assert.Equal("application/problem+json", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True((await BodyOf(stream.Response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404()
    {
        await using var stream = await EventStream.OpenAsync(Client, $"{Stream}?incident=nowhere");

        Assert.Equal(HttpStatusCode.NotFound, stream.Response.StatusCode);
    }

    [Fact]
    public async Task HEAD_answers_the_headers_and_ends()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_fifth_stream_of_one_client_is_refused_with_429_and_Retry_After()
    {
        var open = new List<EventStream>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                open.Add(await EventStream.OpenAsync(Client, Stream));
                Assert.Equal(HttpStatusCode.OK, open[^1].Response.StatusCode);
            }
            await using var fifth = await EventStream.OpenAsync(Client, Stream);

            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Response.StatusCode);
            Assert.NotNull(fifth.Response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", fifth.Response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
