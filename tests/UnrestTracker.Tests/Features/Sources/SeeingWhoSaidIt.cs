using System.Net;
using System.Text;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Sources;

/// <summary>"By whom?" is one call: wherever a response names a source by id, its name and kind come with it.</summary>
public sealed class SeeingWhoSaidIt(ApiFactory api) : ApiTest(api)
{
    private const string Information = "Ministry of Information and Social Development of Kazakhstan";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task Events_name_each_of_their_sources_in_order()
    {
        var events = (await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01")).GetProperty("items").EnumerateArray().ToList();
        var one = await GetOkAsync($"/api/v1/events/{events[0].GetProperty("id").GetString()}");

        Assert.All(events.Append(one), e =>
        {
            var sources = e.GetProperty("sources").EnumerateArray().ToList();
            Assert.Equal(e.GetProperty("sourceIds").EnumerateArray().Select(i => i.GetString()), sources.Select(s => s.GetProperty("id").GetString()));
            Assert.All(sources, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("name").GetString())));
            Assert.All(sources, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("kind").GetString())));
        });
    }

    [Fact]
    public async Task A_retracted_statement_names_who_said_it_and_who_retracted_it()
    {
        var retraction = Assert.Single((await GetOkAsync("/api/v1/retractions")).GetProperty("items").EnumerateArray());
        var statement = await GetOkAsync($"/api/v1/statements/{retraction.GetProperty("statementId").GetString()}");
        var timeline = (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/timeline?kinds=retraction")).GetProperty("items")[0];

        Assert.Equal(Information, retraction.GetProperty("bySource").GetProperty("name").GetString());
        Assert.Equal("government", retraction.GetProperty("bySource").GetProperty("kind").GetString());
        Assert.Equal(Information, statement.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal(Information, statement.GetProperty("retraction").GetProperty("bySource").GetProperty("name").GetString());
        Assert.Equal(Information, timeline.GetProperty("retraction").GetProperty("bySource").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Listed_statements_name_their_source()
    {
        var statements = (await GetOkAsync("/api/v1/statements?incident=kazakhstan-2022-01")).GetProperty("items").EnumerateArray().ToList();

        Assert.All(statements, s => Assert.Equal(s.GetProperty("sourceId").GetString(), s.GetProperty("source").GetProperty("id").GetString()));
        Assert.Contains(statements, s => s.GetProperty("source").GetProperty("kind").GetString() == "head_of_state");
    }

    [Fact]
    public async Task A_renamed_source_is_named_anew_and_the_name_then_stays_in_the_snapshot()
    {
        var statement = (await GetOkAsync("/api/v1/statements?incident=kazakhstan-2022-01&limit=1")).GetProperty("items")[0];
        var before = DateTimeOffset.UtcNow;
        var source = await GetOkAsync($"/api/v1/sources/{statement.GetProperty("sourceId").GetString()}");
        await PutAsync($"/api/v1/sources/{source.GetProperty("id").GetString()}", Renamed(source, "Renamed ministry"));

        var now = await GetOkAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}");
        var then = await GetOkAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}?recordedAsOf={Uri.EscapeDataString(before.ToString("O"))}");

        Assert.Equal("Renamed ministry", now.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal(source.GetProperty("name").GetString(), then.GetProperty("source").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Lists_read_just_before_a_rename_name_the_source_anew_just_after_it()
    {
        const string List = "/api/v1/statements?incident=kazakhstan-2022-01&limit=1";
        var sourceId = (await GetOkAsync(List)).GetProperty("items")[0].GetProperty("sourceId").GetString();
        await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01"); // the names as they stand before the rename
        var source = await GetOkAsync($"/api/v1/sources/{sourceId}");
        await PutAsync($"/api/v1/sources/{sourceId}", Renamed(source, "Renamed ministry"));

        var statement = (await GetOkAsync(List)).GetProperty("items")[0];
        var named = (await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01")).GetProperty("items").EnumerateArray()
            .SelectMany(e => e.GetProperty("sources").EnumerateArray()).Where(s => s.GetProperty("id").GetString() == sourceId).ToList();

        Assert.Equal("Renamed ministry", statement.GetProperty("source").GetProperty("name").GetString());
        Assert.All(named, s => Assert.Equal("Renamed ministry", s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_source_names_its_parent()
    {
        var ministry = await CreateSourceAsync("Ministry of Health", "government");
        var press = await PostOkAsync("/api/v1/sources", new { name = "Ministry of Health press office", kind = "government", parentId = ministry.GetProperty("id").GetString() });

        var read = await GetOkAsync($"/api/v1/sources/{press.GetProperty("id").GetString()}");
        var listed = (await GetOkAsync("/api/v1/sources?q=press")).GetProperty("items")[0];

        Assert.All(new[] { press, read, listed }, s =>
        {
            Assert.Equal(ministry.GetProperty("id").GetString(), s.GetProperty("parent").GetProperty("id").GetString());
            Assert.Equal("Ministry of Health", s.GetProperty("parent").GetProperty("name").GetString());
            Assert.Equal("government", s.GetProperty("parent").GetProperty("kind").GetString());
        });
        Assert.Equal(JsonValueKind.Null, ministry.GetProperty("parent").ValueKind);
    }

    [Theory]
    [InlineData("events", "incident=kazakhstan-2022-01")]
    [InlineData("statements", "incident=kazakhstan-2022-01")]
    [InlineData("sources", "kind=government")]
    public async Task A_representation_with_its_source_names_can_be_put_back_as_it_is(string resource, string filter)
    {
        var item = (await GetOkAsync($"/api/v1/{resource}?{filter}&limit=1")).GetProperty("items")[0];
        var path = $"/api/v1/{resource}/{item.GetProperty("id").GetString()}";
        var current = await GetOkAsync(path);

        var response = await PutAsync(path, current.GetRawText());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Renamed(JsonElement source, string name)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(source.GetRawText())!;
        fields["name"] = JsonSerializer.SerializeToElement(name);
        return JsonSerializer.Serialize(fields);
    }

    private async Task<HttpResponseMessage> PutAsync(string path, string body)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add((await Client.GetAsync(path)).Headers.ETag!);
        var response = await Client.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
