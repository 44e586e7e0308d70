using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>The API as deployed at https://unrest.example.org/tracker (<c>Http:PublicBaseUrl</c>).</summary>
public sealed class PublicBaseUrlApiFactory : ApiFactory
{
    public PublicBaseUrlApiFactory() => Settings["Http:PublicBaseUrl"] = "https://unrest.example.org/tracker/";
}

/// <summary>The API answering only for api.example (<c>AllowedHosts</c>).</summary>
public sealed class AllowedHostsApiFactory : ApiFactory
{
    public AllowedHostsApiFactory() => Settings["AllowedHosts"] = "api.example";
}

internal static class Links
{
    /// <summary>The target of the snapshot link of a read sent with <paramref name="host"/> as its Host header.</summary>
    public static async Task<string> SnapshotTargetAsync(HttpClient client, string host, string path = "/api/v1/incidents?country=KZ")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Target(Assert.Single(response.Headers.GetValues("Link")));
    }

    public static string Target(string link) => link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
}

public sealed class LinkingFromAConfiguredBaseUrl(PublicBaseUrlApiFactory api) : IClassFixture<PublicBaseUrlApiFactory>
{
    [Fact]
    public async Task The_snapshot_link_starts_with_the_public_base_url_whatever_host_the_request_names()
    {
        var target = await Links.SnapshotTargetAsync(ClientFactory.Anonymous(api), "evil.example");

        Assert.StartsWith("https://unrest.example.org/tracker/api/v1/incidents?country=KZ&recordedAsOf=", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_feed_links_start_with_the_public_base_url_whatever_host_the_request_names()
    {
        var writer = await ClientFactory.WithKeyAsync(api, $"feed-{Guid.NewGuid():N}", KeyScope.Write);
        var slug = $"feed-{Guid.NewGuid():N}"[..20];
        (await writer.PostAsJsonAsync("/api/v1/incidents", new { title = "Fuel protests", slug, summary = "Protests.", countries = new[] { "KZ" }, startDate = "2022-01-02" }))
            .EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incidents/{slug}/feed");
        request.Headers.Host = "evil.example";

        var feed = XDocument.Parse(await (await ClientFactory.Anonymous(api).SendAsync(request)).Content.ReadAsStringAsync());

        var links = feed.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")).Select(l => l.Attribute("href")!.Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith("https://unrest.example.org/tracker/api/v1/", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_incidents_feed_link_starts_with_the_public_base_url_whatever_host_the_request_names()
    {
        var writer = await ClientFactory.WithKeyAsync(api, $"feed-{Guid.NewGuid():N}", KeyScope.Write);
        var created = await writer.PostAsJsonAsync("/api/v1/incidents", new { title = "Fuel protests", summary = "Protests.", countries = new[] { "KZ" }, startDate = "2022-01-02" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incidents/{id}");
        request.Headers.Host = "evil.example";

        var incident = JsonDocument.Parse(await (await ClientFactory.Anonymous(api).SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal($"https://unrest.example.org/tracker/api/v1/incidents/{id}/feed", incident.GetProperty("links").GetProperty("feed").GetString());
    }
}

public sealed class LinkingFromAllowedHosts(AllowedHostsApiFactory api) : IClassFixture<AllowedHostsApiFactory>
{
    [Fact]
    public async Task A_host_that_allowed_hosts_lists_makes_the_snapshot_link_absolute()
    {
        var target = await Links.SnapshotTargetAsync(api.CreateDefaultClient(), "api.example");

        Assert.StartsWith("http://api.example/api/v1/incidents?country=KZ&recordedAsOf=", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_allowed_hosts_does_not_list_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents");
        request.Headers.Host = "evil.example";

        var response = await api.CreateDefaultClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Link"));
    }
}
