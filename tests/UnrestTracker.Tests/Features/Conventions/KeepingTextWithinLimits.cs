using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class KeepingTextWithinLimits(ApiFactory api) : ApiTest(api)
{
    private static readonly string Huge = new('x', 5000);

    private async Task<Dictionary<string, object?>> EventAsync(object? externalRef = null, string[]? actors = null) => new()
    {
        ["incidentId"] = (await CreateIncidentAsync()).GetProperty("id").GetGuid(),
        ["date"] = "2022-01-05",
        ["type"] = "riots",
        ["title"] = "Rioting in Almaty",
        ["location"] = new { country = "KZ", precision = "exact" },
        ["externalRefs"] = externalRef is null ? null : new[] { externalRef },
        ["actors"] = actors,
    };

    private async Task<Dictionary<string, object?>> StatementAsync(object? externalRef = null, object? scope = null) => new()
    {
        ["incidentId"] = (await CreateIncidentAsync()).GetProperty("id").GetGuid(),
        ["sourceId"] = (await CreateSourceAsync()).GetProperty("id").GetGuid(),
        ["statedAt"] = "2022-01-10T09:00:00Z",
        ["summary"] = "A toll.",
        ["figures"] = new[] { new { metric = "killed", qualifier = "exact", value = 164, unit = "people", scope } },
        ["externalRefs"] = externalRef is null ? null : new[] { externalRef },
    };

    private async Task AssertRefusedNaming(string path, HttpResponseMessage response, string list)
    {
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(path, out _), await response.Content.ReadAsStringAsync());
        Assert.Empty((await GetOkAsync(list)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_event_external_ref_id_of_thousands_of_characters_is_a_400_naming_it() =>
        await AssertRefusedNaming("externalRefs[0].id",
            await Client.PostAsJsonAsync("/api/v1/events", await EventAsync(new { system = "acled", id = Huge })), "/api/v1/events");

    [Fact]
    public async Task An_event_external_ref_system_of_thousands_of_characters_is_a_400_naming_it() =>
        await AssertRefusedNaming("externalRefs[0].system",
            await Client.PostAsJsonAsync("/api/v1/events", await EventAsync(new { system = new string('a', 5000), id = "1" })), "/api/v1/events");

    [Fact]
    public async Task A_long_actor_is_a_400_naming_its_place_in_the_array() =>
        await AssertRefusedNaming("actors[1]",
            await Client.PostAsJsonAsync("/api/v1/events", await EventAsync(actors: ["Police", new string('p', 201)])), "/api/v1/events");

    [Fact]
    public async Task A_statement_external_ref_id_of_thousands_of_characters_is_a_400_naming_it() =>
        await AssertRefusedNaming("externalRefs[0].id",
            await Client.PostAsJsonAsync("/api/v1/statements", await StatementAsync(new { system = "web", id = Huge })), "/api/v1/statements");

    [Fact]
    public async Task A_long_figure_scope_place_is_a_400_naming_its_path() =>
        await AssertRefusedNaming("figures[0].scope.place",
            await Client.PostAsJsonAsync("/api/v1/statements", await StatementAsync(scope: new { place = new string('p', 201) })), "/api/v1/statements");

    [Fact]
    public async Task Text_at_its_limit_in_three_byte_characters_is_stored_and_found_again()
    {
        var id = new string('語', 200);
        var created = await PostOkAsync("/api/v1/statements",
            await StatementAsync(new { system = "web", id }, new { admin1 = new string('州', 200), place = new string('街', 200) }));
        var eventBody = await EventAsync(new { system = new string('k', 64), id }, [new string('者', 200)]);
        await PostOkAsync("/api/v1/events", eventBody);

        var found = await GetOkAsync($"/api/v1/events?externalRef={Uri.EscapeDataString(new string('k', 64) + ":" + id)}");

        Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(id, created.GetProperty("externalRefs")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/api/v1/events?actor=", 201, "actor")]
    [InlineData("/api/v1/events?q=", 501, "q")]
    [InlineData("/api/v1/statements?q=", 501, "q")]
    [InlineData("/api/v1/events?externalRef=a:", 5000, "externalRef")]
    public async Task A_query_parameter_past_its_limit_is_a_400_naming_it(string url, int length, string name)
    {
        var response = await Client.GetAsync(url + new string('y', length));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(name, out _));
    }

    [Fact]
    public async Task Every_text_field_of_every_request_body_documents_its_maximum_length()
    {
        var schemas = (await GetOkAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");
        var undocumented = new List<string>();

        foreach (var schema in schemas.EnumerateObject().Where(s => s.Name.EndsWith("Request", StringComparison.Ordinal) || s.Name.EndsWith("Dto", StringComparison.Ordinal)))
        {
            foreach (var property in schema.Value.TryGetProperty("properties", out var ps) ? ps.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            {
                var text = IsA(property.Value, "array") ? property.Value.GetProperty("items") : property.Value;
                if (IsA(text, "string") && !text.TryGetProperty("format", out _) && !text.TryGetProperty("maxLength", out _))
                {
                    undocumented.Add($"{schema.Name}.{property.Name}");
                }
            }
        }

        Assert.Empty(undocumented);
    }

    private static bool IsA(JsonElement schema, string type) => schema.TryGetProperty("type", out var t)
        && (t.ValueKind == JsonValueKind.String ? t.GetString() == type : t.EnumerateArray().Any(x => x.GetString() == type));
}
