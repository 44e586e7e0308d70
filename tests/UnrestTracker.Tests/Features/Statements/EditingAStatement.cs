using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class EditingAStatement(ApiFactory api) : ClaimsTest(api)
{
    private async Task<HttpResponseMessage> PutAsync(JsonElement current, object body, bool withEtag = true)
    {
        var path = $"/api/v1/statements/{current.GetProperty("id").GetString()}";
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (withEtag)
        {
            put.Headers.IfMatch.Add((await Client.GetAsync(path)).Headers.ETag!);
        }
        return await Client.SendAsync(put);
    }

    private Dictionary<string, object?> Fixed(JsonElement created, decimal value)
    {
        var figure = Figure(value);
        figure["id"] = FigureId(created);
        var body = Statement(figures: figure);
        return body;
    }

    [Fact]
    public async Task A_fix_keeps_the_figure_ids_and_lists_both_versions()
    {
        var created = await StateAsync(figures: Figure(146));

        var response = await PutAsync(created, Fixed(created, 164));
        var versions = await GetOkAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}/versions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = versions.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1, 2], items.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([146m, 164m], items.Select(v => v.GetProperty("content").GetProperty("figures")[0].GetProperty("value").GetDecimal()));
        Assert.All(items, v => Assert.Equal(FigureId(created), v.GetProperty("content").GetProperty("figures")[0].GetProperty("id").GetString()));
        Assert.Equal(164m, (await GetOkAsync($"/api/v1/figures/{FigureId(created)}")).GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Recorded_as_of_before_the_fix_shows_the_old_value()
    {
        var created = await StateAsync(figures: Figure(146));
        var between = created.GetProperty("recordedAt").GetString();
        await PutAsync(created, Fixed(created, 164));

        var then = await GetOkAsync($"/api/v1/figures/{FigureId(created)}?recordedAsOf={between}");

        Assert.Equal(146m, then.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_put_without_if_match_is_428_and_with_a_stale_one_412()
    {
        var created = await StateAsync();
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/statements/{created.GetProperty("id").GetString()}")
        {
            Content = JsonContent.Create(Fixed(created, 1)),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");

        var missing = await PutAsync(created, Fixed(created, 1), withEtag: false);
        var failed = await Client.SendAsync(stale);

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, failed.StatusCode);
    }

    [Theory]
    [InlineData("incidentId")]
    [InlineData("sourceId")]
    public async Task Who_said_it_and_about_what_cannot_change(string field)
    {
        var created = await StateAsync();
        var other = field == "incidentId"
            ? (await CreateIncidentAsync("Other", "other")).GetProperty("id").GetGuid()
            : (await CreateSourceAsync("Other")).GetProperty("id").GetGuid();
        var body = Fixed(created, 1);
        body[field] = other;

        var response = await PutAsync(created, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Figures_cannot_be_added_or_removed()
    {
        var created = await StateAsync();
        var added = Fixed(created, 1);
        added["figures"] = new[] { (Dictionary<string, object?>)((object[])added["figures"]!)[0], Figure(2) };
        var removed = Statement(figures: []);
        removed["figures"] = Array.Empty<object>();

        var addResponse = await PutAsync(created, added);
        var removeResponse = await PutAsync(created, removed);

        Assert.True((await BodyOf(addResponse)).GetProperty("errors").TryGetProperty("figures[1].id", out _));
        Assert.True((await BodyOf(removeResponse)).GetProperty("errors").TryGetProperty("figures", out _));
    }

    [Fact]
    public async Task A_statement_without_figures_can_be_fixed()
    {
        var body = Statement();
        body.Remove("figures");
        var created = await PostOkAsync("/api/v1/statements", body);
        body["summary"] = "Corrected summary.";

        var response = await PutAsync(created, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Corrected summary.", (await BodyOf(response)).GetProperty("summary").GetString());
    }
}
