using System.Net;
using System.Net.Http.Headers;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Caching;

/// <summary>A dashboard polling a list, a series or an export pays a 304 while nothing was written, and sees each write at once.</summary>
public sealed class RevalidatingAnAnswer(ApiFactory api) : ClaimsTest(api)
{
    private async Task<string[]> PathsAsync()
    {
        var statement = await StateAsync();
        var id = statement.GetProperty("id").GetString();
        return
        [
            "/api/v1/incidents", "/api/v1/sources", "/api/v1/events", "/api/v1/statements", "/api/v1/figures", "/api/v1/retractions",
            "/api/v1/changes", $"/api/v1/incidents/{IncidentId}/figures", $"/api/v1/incidents/{IncidentId}/timeline",
            $"/api/v1/incidents/{IncidentId}/feed", $"/api/v1/figures/{FigureId(statement)}/revisions", $"/api/v1/statements/{id}/versions",
            $"/api/v1/incidents/{IncidentId}/versions", "/api/v1/statements?format=csv", "/api/v1/events?format=geojson",
            "/api/v1/stats/events?interval=week", "/api/v1/stats/figures?interval=week&metric=killed&format=csv",
            $"/api/v1/incidents/{IncidentId}/figures/over-time?metric=killed&interval=day",
        ];
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? etag = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task Every_list_series_timeline_and_export_answers_304_to_its_etag_until_a_write()
    {
        var paths = await PathsAsync();
        var tags = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            var first = await GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = ResponseHeaders.Header(first, "ETag");
            Assert.StartsWith("W/\"", etag);
            Assert.Equal("no-cache", ResponseHeaders.Header(first, "Cache-Control"));

            var again = await GetAsync(path, etag);
            Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{path} answered {(int)again.StatusCode}");
            Assert.Equal(etag, ResponseHeaders.Header(again, "ETag"));
            Assert.Equal("no-cache", ResponseHeaders.Header(again, "Cache-Control"));
            Assert.Equal(ResponseHeaders.Header(first, "Vary"), ResponseHeaders.Header(again, "Vary"));
            Assert.Equal(ResponseHeaders.Header(first, "Link"), ResponseHeaders.Header(again, "Link"));
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            tags[path] = etag;
        }

        await StateAsync("2022-01-11T09:00:00Z");

        foreach (var path in paths)
        {
            var after = await GetAsync(path, tags[path]);
            Assert.True(after.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)after.StatusCode} after a write");
            Assert.NotEqual(tags[path], ResponseHeaders.Header(after, "ETag"));
        }
    }

    [Fact]
    public async Task A_list_that_chooses_its_format_by_accept_varies_by_it_and_tags_each_format_apart()
    {
        await StateAsync();
        var json = await GetAsync("/api/v1/figures");
        var csv = await GetAsync("/api/v1/figures", accept: "text/csv");

        Assert.Equal("Accept, Accept-Datetime", ResponseHeaders.Header(json, "Vary"));
        Assert.Equal("Accept-Datetime", ResponseHeaders.Header(await GetAsync("/api/v1/changes"), "Vary"));
        Assert.NotEqual(ResponseHeaders.Header(json, "ETag"), ResponseHeaders.Header(csv, "ETag"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/figures", ResponseHeaders.Header(json, "ETag"), accept: "text/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync("/api/v1/figures", ResponseHeaders.Header(csv, "ETag"), accept: "text/csv")).StatusCode);
    }

    [Fact]
    public async Task A_bad_parameter_is_a_400_whatever_if_none_match_says()
    {
        await StateAsync();
        var etag = ResponseHeaders.Header(await GetAsync($"/api/v1/incidents/{IncidentId}/figures"), "ETag");

        var bad = await GetAsync($"/api/v1/incidents/{IncidentId}/figures?metric=bogus", etag);
        var any = await GetAsync($"/api/v1/statements?limit=0", "*");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, any.StatusCode);
        Assert.Equal("no-store", ResponseHeaders.Header(bad, "Cache-Control"));
        Assert.Empty(ResponseHeaders.Header(bad, "ETag"));
    }

    [Fact]
    public async Task A_single_resource_keeps_its_strong_etag_and_a_now_answer_is_revalidated()
    {
        var statement = await StateAsync();
        var response = await GetAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}");

        Assert.DoesNotContain("W/", ResponseHeaders.Header(response, "ETag"));
        Assert.Equal("no-cache", ResponseHeaders.Header(response, "Cache-Control"));
    }
}
