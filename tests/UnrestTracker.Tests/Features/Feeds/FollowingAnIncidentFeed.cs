using System.Net;
using System.Xml.Linq;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Feeds;

public sealed class FollowingAnIncidentFeed(ApiFactory api) : ClaimsTest(api)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<(HttpResponseMessage Response, XElement Feed)> FeedAsync(string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incidents/{IncidentId}/feed{query}");
        request.Headers.Add("Accept", "application/json");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!);
    }

    private static string Text(XElement element, string name) => element.Element(Atom + name)?.Value ?? "";

    [Fact]
    public async Task The_feed_is_valid_Atom_with_statements_and_retractions_newest_first()
    {
        var first = await StateAsync("2022-01-08T09:00:00Z");
        var second = await StateAsync("2022-01-10T09:00:00Z", Figure(225), Figure(4353, metric: "injured", qualifier: "at_least"));
        (await RetractAsync(first)).EnsureSuccessStatusCode();

        var (response, feed) = await FeedAsync();

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
        {
            Assert.NotNull(feed.Element(Atom + required));
        }
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.All(entries, e =>
        {
            Assert.NotEmpty(Text(e, "id"));
            Assert.NotEmpty(Text(e, "title"));
            Assert.True(DateTimeOffset.TryParse(Text(e, "updated"), out _));
            Assert.True(DateTimeOffset.TryParse(Text(e, "published"), out _));
            // Root-relative here: no Http:PublicBaseUrl is configured and nothing vouches for the Host header.
            Assert.StartsWith("/api/v1/statements/", e.Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
        });
        Assert.Equal(
            [$"tag:unresttracker,2022:retraction:{first.GetProperty("id")}", $"tag:unresttracker,2022:statement:{second.GetProperty("id")}",
             $"tag:unresttracker,2022:statement:{first.GetProperty("id")}"],
            entries.Select(e => Text(e, "id")));
        var updated = entries.Select(e => DateTimeOffset.Parse(Text(e, "updated"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderDescending(), updated);
        Assert.Equal("Ministry of Health: killed 225, injured 4,353 (at least)", Text(entries[1], "title"));
        Assert.Contains("technical mistake", Text(entries[0], "summary"), StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/statements/{second.GetProperty("id")}", entries[1].Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incidents_json_links_its_feed_and_the_link_serves_it()
    {
        var incident = await GetOkAsync($"/api/v1/incidents/{IncidentId}");
        var listed = (await GetOkAsync("/api/v1/incidents")).GetProperty("items")[0];

        var feed = incident.GetProperty("links").GetProperty("feed").GetString()!;
        Assert.Equal($"/api/v1/incidents/{IncidentId}/feed", feed);
        Assert.Equal(feed, listed.GetProperty("links").GetProperty("feed").GetString());
        var response = await Client.GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_names_the_shown_incidents_feed_in_its_head()
    {
        var slug = (await GetOkAsync($"/api/v1/incidents/{IncidentId}")).GetProperty("slug").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/?incident={slug}");
        request.Headers.Accept.ParseAdd("text/html");

        var head = XDocument.Parse(Head(await (await Client.SendAsync(request)).Content.ReadAsStringAsync())).Root!;

        var link = Assert.Single(head.Elements("link"), l => (string?)l.Attribute("rel") == "alternate");
        Assert.Equal("application/atom+xml", (string?)link.Attribute("type"));
        Assert.Equal($"/api/v1/incidents/{IncidentId}/feed", (string?)link.Attribute("href"));
        Assert.Contains("Fuel protests", (string?)link.Attribute("title"), StringComparison.Ordinal);
    }

    /// <summary>The page's head as XML (its void elements closed), for a parser to read the links.</summary>
    private static string Head(string html)
    {
        var start = html.IndexOf("<head>", StringComparison.Ordinal);
        var head = html[start..(html.IndexOf("</head>", StringComparison.Ordinal) + 7)];
        return System.Text.RegularExpressions.Regex.Replace(head, "<(meta|link)([^>]*?)/?>", "<$1$2/>");
    }

    [Fact]
    public async Task A_withdrawn_statement_stays_with_its_withdrawal_in_the_summary()
    {
        var statement = await StateAsync();
        (await Client.DeleteAsync($"/api/v1/statements/{statement.GetProperty("id")}?reason=entered twice")).EnsureSuccessStatusCode();

        var (_, feed) = await FeedAsync();

        var entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Contains("Withdrawn", Text(entry, "summary"), StringComparison.Ordinal);
        Assert.Contains("entered twice", Text(entry, "summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_XML_cannot_hold_is_replaced_and_the_feed_still_parses()
    {
        var body = Statement();
        body["summary"] = "Toll\u0001 given\u001f.";
        await PostOkAsync("/api/v1/statements", body);

        var (_, feed) = await FeedAsync();

        Assert.Equal("Toll\uFFFD given\uFFFD.", Text(Assert.Single(feed.Elements(Atom + "entry")), "summary"));
    }

    [Fact]
    public async Task Level_keeps_incident_wide_or_event_level_statements()
    {
        await StateAsync();

        var (_, incidentWide) = await FeedAsync("?level=incident");
        var (_, eventLevel) = await FeedAsync("?level=event");

        Assert.Single(incidentWide.Elements(Atom + "entry"));
        Assert.Empty(eventLevel.Elements(Atom + "entry"));
    }

    [Theory]
    [InlineData("?level=city", HttpStatusCode.BadRequest)]
    [InlineData("?since=2022-01-01", HttpStatusCode.BadRequest)]
    public async Task A_bad_parameter_is_a_400(string query, HttpStatusCode status)
    {
        var response = await Client.GetAsync($"/api/v1/incidents/{IncidentId}/feed{query}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404()
    {
        var response = await Client.GetAsync("/api/v1/incidents/nowhere/feed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
