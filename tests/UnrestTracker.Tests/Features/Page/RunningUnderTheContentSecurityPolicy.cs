using Microsoft.Playwright;
using UnrestTracker.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>The page and Swagger UI work under the policy they are served with: the browser blocks nothing they need.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunningUnderTheContentSecurityPolicy(BrowserFixture browser) : IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.Browser.NewPageAsync();
        await _page.AddInitScriptAsync("""
            window.violations = [];
            document.addEventListener("securitypolicyviolation", e => window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
            """);
    }

    public async Task DisposeAsync() => await _page.CloseAsync();

    private async Task AssertNoViolationAsync()
    {
        var violations = await _page.EvaluateAsync<string[]>("window.violations");
        Assert.True(violations.Length == 0, $"The browser blocked: {string.Join("; ", violations)}");
    }

    [Fact]
    public async Task The_page_draws_its_cards_charts_and_map_without_a_blocked_script_or_style()
    {
        await _page.GotoAsync("/?incident=kazakhstan-2022-01");
        await Expect(_page.Locator("body[aria-busy='false']")).ToHaveCountAsync(1);
        await Expect(_page.Locator("figure.chart svg").First).ToBeVisibleAsync();
        await Expect(_page.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        await _page.Locator(".leaflet-marker-icon").First.ClickAsync();
        await Expect(_page.Locator(".leaflet-popup")).ToBeVisibleAsync();

        await AssertNoViolationAsync();
    }

    [Fact]
    public async Task Swagger_ui_shows_its_operations_without_a_blocked_script_or_style()
    {
        await _page.GotoAsync("/swagger/index.html#/Figures/ListIncidentSeries");
        await Expect(_page.Locator("#operations-Figures-ListIncidentSeries")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-open"), new() { Timeout = 30_000 });
        await _page.Locator("button.authorize").First.ClickAsync();
        await Expect(_page.Locator(".modal-ux")).ToBeVisibleAsync();

        await AssertNoViolationAsync();
    }
}
