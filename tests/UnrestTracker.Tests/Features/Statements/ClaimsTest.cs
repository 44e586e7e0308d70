using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>An incident and a source to hang statements on, and bodies to vary per test.</summary>
public abstract partial class ClaimsTest(ApiFactory api) : ApiTest(api)
{
    protected Guid IncidentId { get; private set; }
    protected Guid SourceId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        IncidentId = (await CreateIncidentAsync()).GetProperty("id").GetGuid();
        SourceId = (await CreateSourceAsync()).GetProperty("id").GetGuid();
    }

    protected static Dictionary<string, object?> Figure(decimal? value = 164, string metric = "killed", string qualifier = "exact", string unit = "people") =>
        new() { ["metric"] = metric, ["qualifier"] = qualifier, ["value"] = value, ["unit"] = unit };

    protected Dictionary<string, object?> Statement(string statedAt = "2022-01-10T09:00:00Z", params Dictionary<string, object?>[] figures) =>
        new()
        {
            ["incidentId"] = IncidentId,
            ["sourceId"] = SourceId,
            ["statedAt"] = statedAt,
            ["summary"] = "The ministry gives a toll.",
            ["figures"] = figures.Length == 0 ? new[] { Figure() } : figures,
        };

    protected Task<JsonElement> StateAsync(string statedAt = "2022-01-10T09:00:00Z", params Dictionary<string, object?>[] figures) =>
        PostOkAsync("/api/v1/statements", Statement(statedAt, figures));

    protected Task<HttpResponseMessage> RetractAsync(JsonElement statement, string retractedAt = "2022-01-10T16:00:00Z", string? reason = "technical mistake") =>
        Client.PostAsJsonAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}/retraction", new { retractedAt, reason });

    protected static string FigureId(JsonElement statement, int index = 0) =>
        statement.GetProperty("figures")[index].GetProperty("id").GetString()!;

    /// <summary>This database's time now, as a read's snapshot link pins it (a recordedAsOf to read the past at).</summary>
    protected async Task<string> NowAsync()
    {
        var link = Assert.Single((await Client.GetAsync("/api/v1/sources")).Headers.GetValues("Link"));
        return Uri.UnescapeDataString(RecordedAsOf().Match(link).Groups[1].Value);
    }

    [GeneratedRegex("recordedAsOf=([^&>]+)")]
    private static partial Regex RecordedAsOf();
}
