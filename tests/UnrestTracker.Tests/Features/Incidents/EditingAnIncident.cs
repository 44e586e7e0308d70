using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Incidents;

public sealed class EditingAnIncident(ApiFactory api) : ApiTest(api)
{
    private static object Edit(string title) => new { title, summary = "Protests over fuel prices.", countries = new[] { "KZ" }, startDate = "2022-01-02" };

    [Fact]
    public async Task A_put_without_if_match_is_428_and_with_a_stale_one_412()
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString();

        var missing = await Client.PutAsJsonAsync($"/api/v1/incidents/{id}", Edit("New"));
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = JsonContent.Create(Edit("New")) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"not-the-etag\"");
        var staleResponse = await Client.SendAsync(stale);

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal("application/problem+json", staleResponse.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_put_with_the_current_etag_writes_a_new_version_and_keeps_the_old()
    {
        var id = (await CreateIncidentAsync("Old title")).GetProperty("id").GetString();
        var get = await Client.GetAsync($"/api/v1/incidents/{id}");

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = JsonContent.Create(Edit("New title")) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        var response = await Client.SendAsync(put);
        var versions = await GetOkAsync($"/api/v1/incidents/{id}/versions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(get.Headers.ETag, response.Headers.ETag);
        Assert.Equal(2, (await BodyOf(response)).GetProperty("version").GetInt32());
        var items = versions.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Old title", "New title"], items.Select(v => v.GetProperty("content").GetProperty("title").GetString()));
        Assert.All(items, v => Assert.Equal(ClientFactory.WriterKeyName, v.GetProperty("recordedBy").GetString()));
    }

    [Fact]
    public async Task A_slug_read_just_before_it_moves_names_the_new_incident_just_after()
    {
        var first = (await CreateIncidentAsync("First", slug: "moving-slug")).GetProperty("id").GetString();
        Assert.Equal(first, (await GetOkAsync("/api/v1/incidents/moving-slug")).GetProperty("id").GetString());
        var events = await Client.GetAsync("/api/v1/events?incident=moving-slug");

        var get = await Client.GetAsync($"/api/v1/incidents/{first}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{first}") { Content = JsonContent.Create(new { title = "First", slug = "first-elsewhere", summary = "Protests over fuel prices.", countries = new[] { "KZ" }, startDate = "2022-01-02" }) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(put)).StatusCode);
        var second = (await CreateIncidentAsync("Second", slug: "moving-slug")).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(second, (await GetOkAsync("/api/v1/incidents/moving-slug")).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/v1/events?incident=first-elsewhere")).StatusCode);
        Assert.Equal(second, (await GetOkAsync("/api/v1/changes?incident=moving-slug")).GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_get_answer_echoed_back_with_its_links_is_a_valid_put()
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString();
        var get = await Client.GetAsync($"/api/v1/incidents/{id}");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        body["title"] = "Edited";

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        var response = await Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/api/v1/incidents/{id}/feed", (await BodyOf(response)).GetProperty("links").GetProperty("feed").GetString());
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_is_a_304()
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString();
        var first = await Client.GetAsync($"/api/v1/incidents/{id}");

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incidents/{id}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Recorded_as_of_shows_the_version_current_then()
    {
        var id = (await CreateIncidentAsync("Old title")).GetProperty("id").GetString();
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var get = await Client.GetAsync($"/api/v1/incidents/{id}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = JsonContent.Create(Edit("New title")) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        (await Client.SendAsync(put)).EnsureSuccessStatusCode();

        var then = await GetOkAsync($"/api/v1/incidents/{id}?recordedAsOf={before:yyyy-MM-ddTHH:mm:ss.ffffffZ}");
        var earlier = await Client.GetAsync($"/api/v1/incidents/{id}?recordedAsOf=2000-01-01");

        Assert.Equal("Old title", then.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, earlier.StatusCode);
    }
}
