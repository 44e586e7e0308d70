using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>Two datasets record one riot: an analyst links the records, reads the cluster, and unlinks them again.</summary>
public sealed class LinkingEvents(ApiFactory api) : EventTest(api)
{
    private Task<HttpResponseMessage> LinkAsync(string from, string to, string reason = "same riot") =>
        Client.PostAsJsonAsync($"/api/v1/events/{from}/links", new { to, reason });

    private async Task<JsonElement> LinkOkAsync(string from, string to) => await PostOkAsync($"/api/v1/events/{from}/links", new { to, reason = "same riot" });

    private async Task<List<string>> SameAsAsync(string id, string query = "") =>
        (await GetOkAsync($"/api/v1/events/{id}{query}")).GetProperty("sameAs").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order().ToList();

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ");

    [Fact]
    public async Task A_link_answers_who_when_and_why_and_both_events_name_each_other()
    {
        var acled = await CreateEventIdAsync(b => b["title"] = "ACLED: riot in Almaty");
        var ucdp = await CreateEventIdAsync(b => b["title"] = "UCDP: riot in Almaty");

        var created = await LinkAsync(acled, ucdp, "same place, same day");
        var link = await BodyOf(created);
        var fromAcled = await GetOkAsync($"/api/v1/events/{acled}");
        var fromUcdp = await GetOkAsync($"/api/v1/events/{ucdp}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((acled, ucdp, "same_as", "same place, same day", ClientFactory.WriterKeyName),
            (link.GetProperty("from").GetString(), link.GetProperty("to").GetString(), link.GetProperty("relation").GetString(),
                link.GetProperty("reason").GetString(), link.GetProperty("by").GetString()));
        var other = fromAcled.GetProperty("sameAs")[0];
        Assert.Equal((ucdp, "UCDP: riot in Almaty", "2022-01-05", IncidentId), (other.GetProperty("id").GetString(), other.GetProperty("title").GetString(),
            other.GetProperty("date").GetString(), other.GetProperty("incidentId").GetString()));
        Assert.Equal(link.GetProperty("id").GetString(), other.GetProperty("link").GetProperty("id").GetString());
        Assert.Equal(acled, fromUcdp.GetProperty("sameAs")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Links_are_transitive_and_an_unlink_splits_the_cluster_from_then_on_only()
    {
        var a = await CreateEventIdAsync();
        var b = await CreateEventIdAsync();
        var c = await CreateEventIdAsync();
        var ab = await LinkOkAsync(a, b);
        await LinkOkAsync(c, b);
        var linked = DateTimeOffset.UtcNow;
        await Task.Delay(10);

        var unlink = await Client.DeleteAsync($"/api/v1/events/{a}/links/{ab.GetProperty("id").GetString()}?reason=different riots");
        var again = await Client.DeleteAsync($"/api/v1/events/{b}/links/{ab.GetProperty("id").GetString()}?reason=different riots");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (unlink.StatusCode, again.StatusCode));
        Assert.Equal(new[] { b, c }.Order(), await SameAsAsync(a, $"?recordedAsOf={Stamp(linked)}"));
        Assert.Empty(await SameAsAsync(a));
        Assert.Equal([b], await SameAsAsync(c));
        var history = (await GetOkAsync($"/api/v1/events/{a}/links")).GetProperty("items");
        Assert.Equal("different riots", history[0].GetProperty("ended").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_link_leaves_both_versions_and_etags_alone_and_reaches_the_change_feed_for_both()
    {
        var a = await CreateEventIdAsync();
        var b = await CreateEventIdAsync();
        var before = await Client.GetAsync($"/api/v1/events/{a}");
        var after = (await GetOkAsync("/api/v1/changes?after=0&limit=1000")).GetProperty("items").EnumerateArray().Max(c => c.GetProperty("seq").GetInt64());

        await LinkOkAsync(a, b);

        var now = await Client.GetAsync($"/api/v1/events/{a}");
        Assert.Equal(before.Headers.ETag, now.Headers.ETag);
        Assert.Equal(1, (await BodyOf(now)).GetProperty("version").GetInt32());
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/events/{a}");
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var fresh = await Client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode); // the copy from before the link lacks sameAs
        Assert.Equal(b, (await BodyOf(fresh)).GetProperty("sameAs")[0].GetProperty("id").GetString());
        var changes = (await GetOkAsync($"/api/v1/changes?after={after}")).GetProperty("items").EnumerateArray()
            .Select(c => (c.GetProperty("entity").GetString(), c.GetProperty("id").GetString(), c.GetProperty("op").GetString())).ToList();
        Assert.Equal(new (string?, string?, string?)[] { ("event", a, "updated"), ("event", b, "updated") }.Order().ToList(), changes.Order().ToList());
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{a}") { Content = JsonContent.Create(Body()) };
        edit.Headers.IfMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(edit)).StatusCode);
    }

    [Fact]
    public async Task Self_links_links_to_unknown_or_deleted_events_and_links_already_holding_are_refused_and_write_nothing()
    {
        var a = await CreateEventIdAsync();
        var b = await CreateEventIdAsync();
        var c = await CreateEventIdAsync();
        var gone = await CreateEventIdAsync();
        await Client.DeleteAsync($"/api/v1/events/{gone}?reason=mistake");
        await LinkOkAsync(a, b);
        await LinkOkAsync(b, c);

        var refused = new[]
        {
            await LinkAsync(a, a), await LinkAsync(a, Guid.NewGuid().ToString()), await LinkAsync(a, gone),
        };
        var holding = await LinkAsync(c, a);
        var noReason = await Client.PostAsJsonAsync($"/api/v1/events/{a}/links", new { to = gone });

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        foreach (var r in refused)
        {
            Assert.True((await BodyOf(r)).GetProperty("errors").TryGetProperty("to", out _));
        }
        Assert.Equal(HttpStatusCode.Conflict, holding.StatusCode);
        Assert.True((await BodyOf(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(2, (await GetOkAsync($"/api/v1/events/{b}/links")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_duplicate_deleted_names_its_survivor_and_points_to_it_as_canonical()
    {
        var survivor = await CreateEventIdAsync();
        var duplicate = await CreateEventIdAsync();
        var gone = await CreateEventIdAsync();
        await Client.DeleteAsync($"/api/v1/events/{gone}?reason=mistake");

        var self = await Client.DeleteAsync($"/api/v1/events/{duplicate}?reason=duplicate&duplicateOf={duplicate}");
        var deleted = await Client.DeleteAsync($"/api/v1/events/{duplicate}?reason=duplicate&duplicateOf={gone}");
        var delete = await Client.DeleteAsync($"/api/v1/events/{duplicate}?reason=duplicate&duplicateOf={survivor}");
        var read = await Client.GetAsync($"/api/v1/events/{duplicate}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (self.StatusCode, deleted.StatusCode));
        Assert.True((await BodyOf(deleted)).GetProperty("errors").TryGetProperty("duplicateOf", out _));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(survivor, (await BodyOf(read)).GetProperty("deleted").GetProperty("duplicateOf").GetString());
        Assert.Contains(read.Headers.GetValues("Link"), l => l.EndsWith($"/api/v1/events/{survivor}>; rel=\"canonical\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_events_csv_names_each_events_cluster()
    {
        var a = await CreateEventIdAsync();
        var b = await CreateEventIdAsync();
        await LinkOkAsync(a, b);

        var lines = (await Client.GetStringAsync("/api/v1/events?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "sameAs");
        Assert.True(column >= 0, lines[0]);
        Assert.Contains(lines, l => l.StartsWith(a, StringComparison.Ordinal) && l.Split(',')[column] == b);
    }

    [Fact]
    public async Task Candidates_are_nearby_events_of_any_incident_ordered_by_score_with_the_factors_that_made_it()
    {
        var a = await CreateEventIdAsync(b => b["actors"] = new System.Text.Json.Nodes.JsonArray("Protesters (Kazakhstan)"));
        var same = await CreateEventIdAsync(b => b["actors"] = new System.Text.Json.Nodes.JsonArray("Protesters (Kazakhstan)", "Police"));
        var otherType = await CreateEventIdAsync(b => { b["type"] = "protests"; Location(b)["latitude"] = 43.30; });
        await CreateEventIdAsync(b => b["date"] = "2022-01-09");
        await CreateEventIdAsync(b => Location(b)["latitude"] = 44.5);
        var linked = await CreateEventIdAsync();
        await LinkOkAsync(a, linked);

        var page = await GetOkAsync($"/api/v1/events/{a}/candidates");
        var items = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([same, otherType], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(1.0, items[0].GetProperty("score").GetDouble());
        var factors = items[1].GetProperty("factors");
        Assert.False(factors.GetProperty("sameType").GetProperty("value").GetBoolean());
        Assert.InRange(factors.GetProperty("distanceKm").GetProperty("value").GetDouble(), 6.7, 6.9);
        Assert.Equal(0, factors.GetProperty("daysApart").GetProperty("value").GetInt32());
        Assert.Contains("type", factors.GetProperty("sameType").GetProperty("counted").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("withinKm=0", "withinKm")]
    [InlineData("withinKm=501", "withinKm")]
    [InlineData("days=31", "days")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Candidates_out_of_range_are_a_400_naming_the_parameter(string query, string field)
    {
        var a = await CreateEventIdAsync();

        var response = await Client.GetAsync($"/api/v1/events/{a}/candidates?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_event_without_coordinates_has_no_candidates_but_a_400()
    {
        var a = await CreateEventIdAsync(b => { Location(b).Remove("latitude"); Location(b).Remove("longitude"); });

        var response = await Client.GetAsync($"/api/v1/events/{a}/candidates");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
