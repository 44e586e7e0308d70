using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>A newsroom keeps the page open on an incident while a new toll is recorded elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowingTheStreamOnThePage(BrowserFixture browser) : IAsyncLifetime
{
    private IPage _page = null!;
    private HttpClient _writer = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.Browser.NewPageAsync();
        // A real HTTP client on the API's port, as a script in another newsroom would write.
        _writer = new HttpClient { BaseAddress = browser.Api.Address };
        _writer.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await ClientFactory.IssueAsync(browser.Api, $"stream-{Guid.NewGuid():N}", KeyScope.Write));
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        _writer.Dispose();
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await _writer.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<JsonElement> StateAsync(Guid incidentId, Guid sourceId, string statedAt, int killed) =>
        PostAsync("/api/v1/statements", new
        {
            incidentId,
            sourceId,
            statedAt,
            summary = "The ministry gives a toll.",
            figures = new[] { new { metric = "killed", qualifier = "exact", value = killed, unit = "people" } },
        });

    [Fact]
    public async Task A_statement_recorded_while_the_page_is_open_shows_without_a_reload()
    {
        // Starts after the demo, so the page's default incident stays the demo's for the other browser tests.
        var slug = $"stream-{Guid.NewGuid():N}"[..20];
        var incident = await PostAsync("/api/v1/incidents", new { title = "Port strike", slug, summary = "Dockers strike.", countries = new[] { "KZ" }, startDate = "2023-05-01" });
        var incidentId = incident.GetProperty("id").GetGuid();
        var sourceId = (await PostAsync("/api/v1/sources", new { name = $"Port authority {slug}", kind = "government", country = "KZ" })).GetProperty("id").GetGuid();
        await StateAsync(incidentId, sourceId, "2023-05-02T09:00:00Z", 10);
        var toll = _page.Locator("article.card[data-metric='killed'][data-subject=''] .headline");

        var streamOpened = _page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/changes/stream?incident=", StringComparison.Ordinal));
        await _page.GotoAsync($"/?incident={slug}");
        await Expect(toll).ToHaveTextAsync("10");
        await Expect(_page.Locator("head link[rel='alternate'][type='application/atom+xml']"))
            .ToHaveAttributeAsync("href", $"/api/v1/incidents/{incidentId}/feed");
        await _page.EvaluateAsync("window.stillTheSamePage = true");
        Assert.Equal(200, (await streamOpened).Status);
        await StateAsync(incidentId, sourceId, "2023-05-03T09:00:00Z", 25);

        await Expect(toll).ToHaveTextAsync("25");
        Assert.True(await _page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
    }
}
