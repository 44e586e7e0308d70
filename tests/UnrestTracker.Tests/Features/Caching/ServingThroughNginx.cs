using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Caching;

/// <summary>
/// docker/nginx-cache.conf in front of the API, as an operator runs it: snapshots are served from nginx's cache, "now"
/// is revalidated at the API, writes show at once, and a made-up Host never reaches a cached answer.
/// </summary>
[Collection(NginxCollection.Name)]
public sealed class ServingThroughNginx(NginxFixture nginx)
{
    private readonly HttpClient _proxy = new() { BaseAddress = nginx.Address };
    private readonly HttpClient _direct = new() { BaseAddress = nginx.Api.Address };

    private const string Series = "/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed";

    private static HttpRequestMessage Get(string path, string? etag = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        if (host is not null)
        {
            request.Headers.Host = host;
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", host);
        }
        return request;
    }

    [Fact]
    public async Task A_snapshot_fetched_many_times_reaches_the_api_once()
    {
        var snapshot = ResponseHeaders.Snapshot(await _proxy.GetAsync("/api/v1/figures?metric=injured&limit=3"));

        var statuses = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var response = await _proxy.GetAsync(snapshot);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            statuses.Add(ResponseHeaders.Header(response, "X-Cache-Status"));
        }

        Assert.Equal("MISS", statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal("HIT", s));
        Assert.Equal(1, nginx.Api.ReachedFor(snapshot));
    }

    [Fact]
    public async Task A_now_url_is_revalidated_at_the_api_with_a_304_and_a_write_shows_on_the_next_request()
    {
        var path = "/api/v1/sources?kind=government";
        var first = await _proxy.GetAsync(path);
        var etag = ResponseHeaders.Header(first, "ETag");
        var reached = nginx.Api.ReachedFor(path);

        var again = await _proxy.SendAsync(Get(path, etag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(reached + 1, nginx.Api.ReachedFor(path));
        Assert.NotEqual("HIT", ResponseHeaders.Header(again, "X-Cache-Status"));

        using var writer = await ClientFactory.WriterAsync(nginx.Api);
        (await writer.PostAsJsonAsync("/api/v1/sources", new { name = $"Akimat {Guid.NewGuid():N}", kind = "government", country = "KZ" })).EnsureSuccessStatusCode();

        var after = await _proxy.SendAsync(Get(path, etag));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var names = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.Contains(names, n => n!.StartsWith("Akimat ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_through_the_proxy_equal_the_direct_ones_byte_for_byte()
    {
        var snapshot = ResponseHeaders.Snapshot(await _direct.GetAsync(Series));
        foreach (var path in new[] { Series, snapshot, snapshot, "/api/v1/statements?format=csv", "/api/v1/incidents/kazakhstan-2022-01/timeline" })
        {
            var direct = await (await _direct.GetAsync(path)).Content.ReadAsByteArrayAsync();
            var proxied = await (await _proxy.GetAsync(path)).Content.ReadAsByteArrayAsync();
            Assert.Equal(direct, proxied);
        }
    }

    [Fact]
    public async Task A_made_up_host_leaves_no_trace_in_cached_answers()
    {
        var snapshot = ResponseHeaders.Snapshot(await _direct.GetAsync("/api/v1/incidents"));
        var paths = new[] { snapshot, "/api/v1/incidents/kazakhstan-2022-01/feed", "/api/v1/statements?limit=2", Series };
        foreach (var path in paths)
        {
            await _proxy.SendAsync(Get(path, host: "evil.example"));
        }

        foreach (var path in paths)
        {
            var response = await _proxy.GetAsync(path);
            var text = $"{response.Headers}{response.Content.Headers}{await response.Content.ReadAsStringAsync()}";
            Assert.DoesNotContain("evil.example", text);
        }
    }
}
