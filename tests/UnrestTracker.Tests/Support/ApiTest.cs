using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// Base of every HTTP test: the database is emptied before each test (never after, so a failed
/// test leaves its evidence), and the client carries a write key.
/// </summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFactory api) : IAsyncLifetime
{
    protected ApiFactory Api { get; } = api;
    protected HttpClient Client { get; private set; } = null!;
    protected static JsonSerializerOptions Json => JsonSetup.Options;

    public virtual async Task InitializeAsync()
    {
        await Api.ResetAsync();
        Client = await ClientFactory.WriterAsync(Api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    protected async Task<JsonElement> GetOkAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The items of each page of a list, by <paramref name="keyOf"/> (default: their id), following nextCursor to the end;
    /// <paramref name="path"/> has a query already.
    /// </summary>
    protected async Task<List<List<string>>> WalkAsync(string path, Func<JsonElement, string>? keyOf = null)
    {
        keyOf ??= item => item.GetProperty("id").GetString()!;
        var pages = new List<List<string>>();
        for (var page = await GetOkAsync(path); ; page = await GetOkAsync($"{path}&cursor={page.GetProperty("nextCursor").GetString()}"))
        {
            pages.Add(page.GetProperty("items").EnumerateArray().Select(keyOf).ToList());
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                return pages;
            }
        }
    }

    protected static async Task<JsonElement> BodyOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A minimal valid incident; override fields with <c>with</c>-style anonymous objects.</summary>
    protected Task<JsonElement> CreateIncidentAsync(string title = "Fuel protests", string? slug = null) =>
        PostOkAsync("/api/v1/incidents", new { title, slug, summary = "Protests over fuel prices.", countries = new[] { "KZ" }, startDate = "2022-01-02" });

    protected Task<JsonElement> CreateSourceAsync(string name = "Ministry of Health", string kind = "government") =>
        PostOkAsync("/api/v1/sources", new { name, kind, country = "KZ" });
}
