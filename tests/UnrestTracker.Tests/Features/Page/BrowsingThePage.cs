using Microsoft.Playwright;
using UnrestTracker.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>A journalist opens the page in a real browser (headless chromium) on the Kazakhstan demo.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowsingThePage(BrowserFixture browser) : IAsyncLifetime
{
    private const string Demo = "/?incident=kazakhstan-2022-01";
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await browser.Browser.NewPageAsync();

    public async Task DisposeAsync() => await _page.CloseAsync();

    private ILocator TollCard => _page.Locator("article.card[data-metric='killed'][data-subject='']");

    private ILocator TollChart => _page.Locator("figure.chart[data-metric='killed']").First;

    private async Task OpenAsync(string path, int width = 1280, int height = 900)
    {
        await _page.SetViewportSizeAsync(width, height);
        await _page.GotoAsync(path);
        await Expect(_page.Locator("body[aria-busy='false']")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#status")).Not.ToContainTextAsync("Could not load");
    }

    [Fact]
    public async Task The_death_toll_card_says_225_by_the_Prosecutor_Generals_Office()
    {
        await OpenAsync(Demo);

        await Expect(TollCard.Locator(".headline")).ToHaveTextAsync("225");
        await Expect(TollCard.Locator(".by")).ToContainTextAsync("Prosecutor General's Office");
        await Expect(TollCard.Locator(".by")).ToContainTextAsync("15 Jan 2022, 12:00 UTC");
        await Expect(TollCard).ToContainTextAsync("164–225");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "desktop.png"), FullPage = true });
    }

    [Fact]
    public async Task Moving_the_slider_to_10_January_23_59_shows_164_and_puts_asOf_in_the_link()
    {
        await OpenAsync(Demo);

        var minute = DateTimeOffset.Parse("2022-01-10T23:59:00Z").ToUnixTimeSeconds() / 60;
        await _page.Locator("#asof").FillAsync(minute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Expect(TollCard.Locator(".headline")).ToHaveTextAsync("164");
        await Expect(TollCard.Locator(".by")).ToContainTextAsync("Ministry of Health");
        await Expect(_page.Locator("#asof-label")).ToHaveTextAsync("10 Jan 2022, 23:59 UTC");
        Assert.EndsWith("?incident=kazakhstan-2022-01&asOf=2022-01-10T23:59:59Z", _page.Url);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "desktop-10-january.png"), FullPage = true });
    }

    [Fact]
    public async Task A_cited_view_reopens_with_more_than_164_current_on_9_January_at_noon()
    {
        await OpenAsync($"{Demo}&asOf=2022-01-09T12:00:00Z");

        await Expect(TollCard.Locator(".headline")).ToHaveTextAsync("more than 164");
        await Expect(TollCard.Locator(".by")).ToContainTextAsync("Ministry of Information");
        await Expect(TollChart.Locator(".retracted-point")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_retracted_claim_is_a_cross_whose_reason_and_retracting_source_can_be_read()
    {
        await OpenAsync(Demo);

        var cross = TollChart.Locator(".retracted-point [aria-label]");
        await Expect(cross).ToHaveCountAsync(1);
        await Expect(cross).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("more than 164.*technical mistake"));
        await cross.HoverAsync(new() { Force = true });
        await Expect(TollChart.Locator("svg[aria-label$='figures over time']")).ToContainTextAsync("technical mistake");
        await TollChart.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "retraction-on-hover.png") });
        await TollChart.Locator("summary").ClickAsync();
        await Expect(TollChart.Locator("tr.retracted")).ToContainTextAsync("“technical mistake”, by Ministry of Information");
    }

    [Fact]
    public async Task The_map_has_four_markers_two_in_Almaty_and_lists_the_day_of_mourning_beside_it()
    {
        await OpenAsync(Demo);

        await Expect(_page.Locator("#map .leaflet-marker-icon")).ToHaveCountAsync(4);
        await Expect(_page.Locator("#map .leaflet-marker-icon[data-place='Almaty']")).ToHaveCountAsync(2);
        await Expect(_page.Locator("#unplaced .unplaced-event")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#unplaced")).ToContainTextAsync("mourning");
        await _page.Locator("#map .leaflet-marker-icon[data-type='protests']").FocusAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator(".leaflet-popup-content")).ToContainTextAsync("2 Jan 2022");
        await Expect(_page.Locator(".leaflet-popup-content")).ToContainTextAsync("Zhanaozen");
    }

    [Fact]
    public async Task The_search_box_finds_the_incident_and_the_keyboard_moves_the_slider_by_the_hour()
    {
        await OpenAsync("/");
        await _page.Locator("#q").FillAsync("kazakhstan");
        await Expect(_page.Locator("#results button")).ToContainTextAsync("January 2022 unrest in Kazakhstan");
        await _page.Locator("#q").PressAsync("Enter");
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("\\?incident=kazakhstan-2022-01$"));

        await _page.Locator("#asof").FocusAsync();
        await _page.Keyboard.PressAsync("Home");
        await _page.Keyboard.PressAsync("ArrowRight");
        await Expect(_page.Locator("#asof-label")).ToHaveTextAsync("2 Jan 2022, 01:00 UTC");
    }

    [Fact]
    public async Task At_phone_width_the_page_fits_and_the_slider_still_works()
    {
        await OpenAsync(Demo, 375, 812);

        var overflow = await _page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.Equal(0, overflow);
        await Expect(TollCard.Locator(".headline")).ToHaveTextAsync("225");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "phone.png"), FullPage = true });
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "phone-top.png") });
        await TollChart.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "phone-toll-chart.png") });
        await _page.Locator(".map-wrap").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "phone-map.png") });
        await _page.Locator("#asof").FocusAsync();
        await _page.Keyboard.PressAsync("Home");
        await Expect(_page.Locator("#asof-label")).ToContainTextAsync("2 Jan 2022");
        await Expect(_page.Locator("#cards")).ToContainTextAsync("No figures at this moment.");
    }
}
