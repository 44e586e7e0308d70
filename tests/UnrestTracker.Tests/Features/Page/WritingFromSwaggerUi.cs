using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>
/// An analyst records, edits and deletes a demo event entirely from Swagger UI (headless chromium):
/// Authorize with a key, POST the example body, GET it for its ETag, PUT an edit with If-Match, DELETE with a reason.
/// Screenshots of each step go to TestResults/page/swagger-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingFromSwaggerUi(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.Browser.NewPageAsync();
        await _page.SetViewportSizeAsync(1280, 1000);
    }

    public async Task DisposeAsync() => await _page.CloseAsync();

    [Fact]
    public async Task The_authorize_dialog_shows_the_header_with_its_key_placeholder()
    {
        await OpenAsync("/swagger/index.html");

        await _page.Locator("button.authorize").First.ClickAsync();

        var dialog = _page.Locator(".modal-ux");
        await Expect(dialog).ToContainTextAsync("Authorization: Bearer <key>");
        await Expect(dialog).ToContainTextAsync("X-Api-Key: <key>");
        await ShotAsync("swagger-authorize");
    }

    [Fact]
    public async Task A_deep_link_opens_its_operation()
    {
        await OpenAsync("/swagger/index.html#/Figures/ListIncidentSeries");

        await Expect(Operation("Figures", "ListIncidentSeries")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-open"));
        await ShotAsync("swagger-deep-link");
    }

    [Fact]
    public async Task An_authorized_key_is_never_written_to_the_browsers_storage()
    {
        var key = await ClientFactory.IssueAsync(browser.Api, $"swagger-forget-{Guid.NewGuid():N}", KeyScope.Read);
        await OpenAsync("/swagger/index.html");

        await AuthorizeAsync(key);

        await Expect(_page.Locator("button.authorize.locked").First).ToBeVisibleAsync();
        var stored = await _page.EvaluateAsync<string>("JSON.stringify([Object.assign({}, localStorage), Object.assign({}, sessionStorage), document.cookie])");
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_is_recorded_edited_and_deleted_through_swagger_ui()
    {
        var key = await ClientFactory.IssueAsync(browser.Api, $"swagger-ui-{Guid.NewGuid():N}", KeyScope.Write);
        var reader = browser.Api.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", key);
        // A demo-like incident of its own, so that the other page tests keep seeing the demo as loaded.
        var incident = await reader.PostAsJsonAsync("/api/v1/incidents",
            new { title = "Swagger UI test", summary = "Events entered from Swagger UI.", countries = new[] { "KZ" }, startDate = "2022-01-02" });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        var incidentId = (await incident.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var source = (await JsonAsync(reader, "/api/v1/sources?limit=1")).GetProperty("items")[0];
        await OpenAsync("/swagger/index.html");
        await AuthorizeAsync(key);

        // POST: the example body (a demo event) with the incident's and a demo source's ids; Idempotency-Key left empty.
        var create = await TryAsync("Events", "CreateEvent");
        var body = JsonNode.Parse(await create.Locator("textarea.body-param__text").InputValueAsync())!;
        body["incidentId"] = incidentId;
        body["sourceIds"] = new JsonArray(source.GetProperty("id").GetString());
        body["title"] = "Swagger UI test: protesters gather in Aktobe";
        await create.Locator("textarea.body-param__text").FillAsync(body.ToJsonString(Readable));
        var created = JsonNode.Parse(await ExecuteAsync(create, "swagger-post", 201))!;
        var id = created["id"]!.GetValue<string>();

        // GET for the ETag, which Swagger UI shows among the response headers.
        var get = await TryAsync("Events", "GetEvent");
        await Parameter(get, "id").FillAsync(id);
        var read = await ExecuteAsync(get, "swagger-get", 200);
        var headers = await get.Locator(".live-responses-table tbody tr.response .response-col_description").First.InnerTextAsync();
        var etag = System.Text.RegularExpressions.Regex.Match(headers, "etag: (\"[^\"]+\")").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(etag), $"No ETag among the response headers: {headers}");

        // PUT: the read body with a new title, If-Match the ETag.
        var update = await TryAsync("Events", "UpdateEvent");
        await Parameter(update, "id").FillAsync(id);
        await Parameter(update, "If-Match").FillAsync(etag);
        var edited = JsonNode.Parse(read)!;
        edited["title"] = "Swagger UI test: protesters gather in Aktobe's central square";
        await update.Locator("textarea.body-param__text").FillAsync(edited.ToJsonString(Readable));
        var updated = JsonNode.Parse(await ExecuteAsync(update, "swagger-put", 200))!;
        Assert.Equal(2, updated["version"]!.GetValue<int>());

        // DELETE with a reason.
        var delete = await TryAsync("Events", "DeleteEvent");
        await Parameter(delete, "id").FillAsync(id);
        await Parameter(delete, "reason").FillAsync("Entered from Swagger UI as a test");
        await ExecuteAsync(delete, "swagger-delete", 204);

        var after = await JsonAsync(reader, $"/api/v1/events/{id}");
        Assert.Equal("Swagger UI test: protesters gather in Aktobe's central square", after.GetProperty("title").GetString());
        Assert.Equal("Entered from Swagger UI as a test", after.GetProperty("deleted").GetProperty("reason").GetString());
    }

    private async Task OpenAsync(string path)
    {
        await _page.GotoAsync(path);
        // Rendering the whole document takes Swagger UI seconds on a loaded machine: more than Expect's default 5 s.
        await Expect(_page.Locator(".swagger-ui .information-container")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private async Task AuthorizeAsync(string key)
    {
        await _page.Locator("button.authorize").First.ClickAsync();
        var bearer = _page.Locator(".modal-ux .auth-container").Filter(new() { HasText = "Bearer" }).First;
        await bearer.Locator("input").FillAsync(key);
        await bearer.Locator("button.authorize").ClickAsync();
        await _page.Locator(".modal-ux button.btn-done").First.ClickAsync();
    }

    private ILocator Operation(string tag, string operationId) => _page.Locator($"#operations-{tag}-{operationId}");

    private static ILocator Parameter(ILocator operation, string name) =>
        operation.Locator($"tr[data-param-name='{name}'] input");

    /// <summary>Opens an operation on the page already loaded (a reload would forget the key) and presses "Try it out".</summary>
    private async Task<ILocator> TryAsync(string tag, string operationId)
    {
        var operation = Operation(tag, operationId);
        if (!(await operation.GetAttributeAsync("class") ?? "").Contains("is-open", StringComparison.Ordinal))
        {
            await operation.Locator(".opblock-summary-control").ClickAsync();
        }
        await Expect(operation).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-open"));
        await operation.Locator("button.try-out__btn").ClickAsync();
        return operation;
    }

    /// <summary>Presses Execute, waits for the answer, screenshots it and returns the response body's text.</summary>
    private async Task<string> ExecuteAsync(ILocator operation, string shot, int status)
    {
        await operation.Locator("button.execute").ClickAsync();
        var response = operation.Locator(".live-responses-table tbody tr.response").First;
        await Expect(response.Locator(".response-col_status")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await response.ScrollIntoViewIfNeededAsync();
        await ShotAsync(shot);
        var answered = (await response.Locator(".response-col_status").InnerTextAsync()).Trim();
        var text = await response.Locator(".response-col_description").InnerTextAsync();
        Assert.True(answered == $"{status}", $"{shot}: Swagger UI shows {answered}: {text}");
        var code = response.Locator(".response-col_description pre.microlight").First;
        return status == (int)HttpStatusCode.NoContent ? "" : await code.InnerTextAsync();
    }

    private async Task ShotAsync(string name) =>
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}.png"), FullPage = false });

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
