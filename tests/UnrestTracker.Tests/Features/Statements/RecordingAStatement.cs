using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class RecordingAStatement(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task A_statement_is_created_with_its_figures_and_read_back_by_id()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/statements", Statement());
        var created = await BodyOf(response);

        var read = await Client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        var figure = (await BodyOf(read)).GetProperty("figures")[0];
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("current", figure.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), figure.GetProperty("statementId").GetString());
    }

    [Fact]
    public async Task A_figure_s_as_of_defaults_to_the_statement_s_stated_at()
    {
        var created = await StateAsync("2022-01-10T09:00:00Z");

        Assert.Equal("2022-01-10T09:00:00Z", created.GetProperty("figures")[0].GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Read_only_fields_echoed_back_are_ignored()
    {
        var body = Statement();
        body["id"] = Guid.NewGuid();
        body["version"] = 7;
        body["status"] = "retracted";
        body["retraction"] = null;
        body["recordedAt"] = "2020-01-01T00:00:00Z";

        var created = await PostOkAsync("/api/v1/statements", body);

        Assert.NotEqual(body["id"]!.ToString(), created.GetProperty("id").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
    }

    [Fact]
    public async Task External_refs_are_kept()
    {
        var body = Statement();
        body["externalRefs"] = new[] { new { system = "acled", id = "KAZ2811" } };

        var created = await PostOkAsync("/api/v1/statements", body);

        Assert.Equal("acled", created.GetProperty("externalRefs")[0].GetProperty("system").GetString());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0198c1a0-0000-7000-8000-000000000000")]
    public async Task An_unknown_or_malformed_id_is_a_404(string id)
    {
        var statement = await Client.GetAsync($"/api/v1/statements/{id}");
        var figure = await Client.GetAsync($"/api/v1/figures/{id}");
        var revisions = await Client.GetAsync($"/api/v1/figures/{id}/revisions");

        Assert.Equal(HttpStatusCode.NotFound, statement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, figure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revisions.StatusCode);
        Assert.Equal("application/problem+json", statement.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_statement_is_a_404_before_it_was_said_or_before_it_was_recorded()
    {
        var created = await StateAsync("2022-01-10T09:00:00Z");
        var id = created.GetProperty("id").GetString();
        var recordedAt = DateTimeOffset.Parse(created.GetProperty("recordedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var before = Uri.EscapeDataString(recordedAt.AddMilliseconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

        var notSaid = await Client.GetAsync($"/api/v1/statements/{id}?asOf=2022-01-10T08:59:59Z");
        var notRecorded = await Client.GetAsync($"/api/v1/statements/{id}?recordedAsOf={before}");
        var said = await Client.GetAsync($"/api/v1/statements/{id}?asOf=2022-01-10T09:00:00Z");

        Assert.Equal(HttpStatusCode.NotFound, notSaid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notRecorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/statements?asOf=yesterday")]
    [InlineData("/api/v1/figures?status=maybe")]
    [InlineData("/api/v1/figures?metric=1")]
    [InlineData("/api/v1/statements?from=2022-01-10&to=2022-01-09")]
    [InlineData("/api/v1/retractions?cursor=tampered")]
    [InlineData("/api/v1/figures?subject=%00")]
    [InlineData("/api/v1/statements?q=%00")]
    [InlineData("/api/v1/statements?incident=a%00")]
    public async Task A_bad_query_value_is_a_400(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Statements_page_by_stated_at_then_id()
    {
        await StateAsync("2022-01-10T09:00:00Z");
        await StateAsync("2022-01-08T09:00:00Z");
        await StateAsync("2022-01-09T09:00:00Z");

        var first = await GetOkAsync("/api/v1/statements?limit=2");
        var second = await GetOkAsync($"/api/v1/statements?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        var stated = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(s => s.GetProperty("statedAt").GetString());
        Assert.Equal(["2022-01-08T09:00:00Z", "2022-01-09T09:00:00Z", "2022-01-10T09:00:00Z"], stated);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_nul_character_in_the_body_is_a_400_not_a_database_error()
    {
        var body = Statement();
        body["summary"] = "a\u0000b";

        var response = await Client.PostAsJsonAsync("/api/v1/statements", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("summary", out _));
    }
}
