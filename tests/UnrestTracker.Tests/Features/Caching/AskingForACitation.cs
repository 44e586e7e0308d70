using System.Net;
using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Caching;

/// <summary>A journalist asks /cite for a ready citation of what a URL answers, and gets its snapshot, plain text and BibTeX.</summary>
public sealed class AskingForACitation(ApiFactory api) : ClaimsTest(api)
{
    private async Task<JsonElement> CiteAsync(string url) => await GetOkAsync($"/api/v1/cite?url={Uri.EscapeDataString(url)}");

    private async Task<JsonElement> ProblemAsync(string url)
    {
        var response = await Client.GetAsync($"/api/v1/cite?url={Uri.EscapeDataString(url)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await BodyOf(response);
    }

    [Fact]
    public async Task A_series_is_cited_by_metric_incident_headline_and_source()
    {
        await StateAsync(figures: Figure(225));
        var now = await Client.GetAsync($"/api/v1/incidents/{IncidentId}/figures");

        var citation = await CiteAsync($"/api/v1/incidents/{IncidentId}/figures?metric=killed");

        Assert.Equal("Killed, Fuel protests: 225 (Ministry of Health)", citation.GetProperty("title").GetString());
        var snapshot = citation.GetProperty("snapshot").GetString()!;
        Assert.Contains("metric=killed", snapshot);
        Assert.Contains(citation.GetProperty("recordedAt").GetString()!.Replace(":", "%3A"), snapshot);
        Assert.Contains(snapshot, citation.GetProperty("text").GetString());
        var bibtex = citation.GetProperty("bibtex").GetString()!;
        Assert.StartsWith("@misc{", bibtex);
        Assert.Contains("title = {Killed, Fuel protests: 225 (Ministry of Health)}", bibtex);
        Assert.Contains("\\%3A", bibtex);
        using var anonymous = ClientFactory.Anonymous(Api);
        Assert.Equal("no-store", (await anonymous.GetAsync($"/api/v1/cite?url={Uri.EscapeDataString("/api/v1/statements")}")).Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
    }

    [Fact]
    public async Task A_statement_and_a_list_are_cited_and_a_pinned_url_is_cited_as_it_stands()
    {
        var statement = await StateAsync();
        var id = statement.GetProperty("id").GetString();
        var recordedAt = statement.GetProperty("recordedAt").GetString();

        var single = await CiteAsync($"/api/v1/statements/{id}");
        var list = await CiteAsync($"/api/v1/statements?incident={IncidentId}&recordedAsOf={recordedAt}");

        Assert.Equal("Ministry of Health, 2022-01-10: The ministry gives a toll.", single.GetProperty("title").GetString());
        Assert.Equal($"Statements (incident={IncidentId}): 1 item", list.GetProperty("title").GetString());
        Assert.Equal(recordedAt, list.GetProperty("recordedAt").GetString());
    }

    [Fact]
    public async Task Another_host_a_path_outside_the_api_the_stream_an_export_or_a_404_is_a_400_naming_url()
    {
        foreach (var url in new[]
        {
            "http://evil.example/api/v1/statements", "/swagger/v1/swagger.json", "/api/v1/changes/stream", "/api/v1/cite?url=/api/v1/statements",
            "/api/v1/statements?format=csv", "/api/v1/webhooks", $"/api/v1/incidents/{Guid.NewGuid()}", "/api/v1/statements?limit=0",
        })
        {
            var problem = await ProblemAsync(url);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), url);
        }
    }

    [Fact]
    public async Task An_absolute_url_on_a_server_with_no_public_address_is_refused_saying_how_to_give_it_one()
    {
        var problem = await ProblemAsync("http://localhost/api/v1/statements");

        Assert.Contains("Http:PublicBaseUrl", problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }
}
