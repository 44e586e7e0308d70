using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>Helpers shared by the event stories: an incident to hang events on and a valid body to vary.</summary>
public abstract class EventTest(ApiFactory api) : ApiTest(api)
{
    protected string IncidentId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        IncidentId = (await CreateIncidentAsync("Fuel protests", "fuel-protests")).GetProperty("id").GetString()!;
    }

    /// <summary>A valid event body; <paramref name="change"/> edits the JSON before it is sent.</summary>
    protected JsonObject Body(Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["incidentId"] = IncidentId,
            ["date"] = "2022-01-05",
            ["type"] = "riots",
            ["title"] = "Rioting in Almaty",
            ["location"] = new JsonObject
            {
                ["country"] = "KZ",
                ["place"] = "Almaty",
                ["latitude"] = 43.2389,
                ["longitude"] = 76.8897,
                ["precision"] = "exact",
            },
        };
        change?.Invoke(body);
        return body;
    }

    protected static JsonObject Location(JsonObject body) => body["location"]!.AsObject();

    protected async Task<JsonElement> CreateEventAsync(Action<JsonObject>? change = null) =>
        await PostOkAsync("/api/v1/events", Body(change));

    protected async Task<string> CreateEventIdAsync(Action<JsonObject>? change = null) =>
        (await CreateEventAsync(change)).GetProperty("id").GetString()!;

    protected Task<HttpResponseMessage> PostEventAsync(JsonObject body) => Client.PostAsJsonAsync("/api/v1/events", body);

    /// <summary>The titles of a list answer, in order.</summary>
    protected async Task<List<string>> TitlesAsync(string query)
    {
        var page = await GetOkAsync($"/api/v1/events{query}");
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
    }

}
