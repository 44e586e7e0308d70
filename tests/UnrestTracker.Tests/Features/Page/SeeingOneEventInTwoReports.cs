using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>Two datasets recorded one riot; once linked, the page shows the riot's other report and counts it once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeeingOneEventInTwoReports(BrowserFixture browser) : IAsyncLifetime
{
    private IPage _page = null!;
    private HttpClient _writer = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.Browser.NewPageAsync();
        _writer = new HttpClient { BaseAddress = browser.Api.Address };
        _writer.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await ClientFactory.IssueAsync(browser.Api, $"links-{Guid.NewGuid():N}", KeyScope.Write));
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        _writer.Dispose();
    }

    private async Task<Guid> PostIdAsync(string path, object body)
    {
        var response = await _writer.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private Task<Guid> RiotAsync(Guid incidentId, string title) => PostIdAsync("/api/v1/events", new
    {
        incidentId,
        title,
        type = "riots",
        date = "2023-06-02",
        location = new { country = "KZ", place = "Almaty", latitude = 43.25, longitude = 76.95, precision = "exact" },
    });

    private Task<Guid> CountAsync(Guid incidentId, Guid eventId, Guid sourceId, int killed) => PostIdAsync("/api/v1/statements", new
    {
        incidentId,
        eventId,
        sourceId,
        statedAt = "2023-06-03T09:00:00Z",
        summary = "A dataset counts the riot's dead.",
        figures = new[] { new { metric = "killed", qualifier = "exact", value = killed, unit = "people" } },
    });

    [Fact]
    public async Task A_linked_riot_names_its_other_report_and_the_toll_card_counts_it_once()
    {
        var slug = $"links-{Guid.NewGuid():N}"[..20];
        var incidentId = await PostIdAsync("/api/v1/incidents", new { title = "Almaty riot", slug, summary = "A riot.", countries = new[] { "KZ" }, startDate = "2023-06-01" });
        var first = await RiotAsync(incidentId, "Riot in Almaty (first dataset)");
        var second = await RiotAsync(incidentId, "Riot in Almaty (second dataset)");
        await CountAsync(incidentId, first, await PostIdAsync("/api/v1/sources", new { name = $"Dataset A {slug}", kind = "other" }), 10);
        await CountAsync(incidentId, second, await PostIdAsync("/api/v1/sources", new { name = $"Dataset B {slug}", kind = "other" }), 14);
        await PostIdAsync($"/api/v1/events/{first}/links", new { to = second, reason = "one riot" });

        await _page.GotoAsync($"/?incident={slug}");

        await Expect(_page.Locator("article.card[data-metric='killed'] .combined"))
            .ToContainTextAsync("Each event counted once: 10–14 over 1 event (2 reports, 2 sources)");
        await _page.Locator(".event-marker").First.ClickAsync();
        await Expect(_page.Locator(".leaflet-popup .same-as")).ToContainTextAsync("Also reported as:");
    }
}
