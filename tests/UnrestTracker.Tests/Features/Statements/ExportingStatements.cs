using System.Globalization;
using System.Net;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class ExportingStatements(ApiFactory api) : ApiTest(api)
{
    private const string Header = "id,incidentId,eventId,sourceId,sourceName,sourceKind,statedAt,url,publisher,quote,summary,language,"
        + "status,retractedAt,retractionReason,figures,externalRefs,version,recordedAt,archiveUrl,archivedAt";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string query, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/statements{query}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return await Client.SendAsync(request);
    }

    private async Task<List<IDictionary<string, object>>> RowsAsync(string query)
    {
        var response = await GetAsync(query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    [Theory]
    [InlineData("?format=csv&limit=1&cursor=ignored", null)]
    [InlineData("?limit=2", "text/csv")]
    public async Task Csv_has_a_header_and_one_row_per_statement_in_stated_order(string query, string? accept)
    {
        var response = await GetAsync(query, accept);
        var text = await response.Content.ReadAsStringAsync();
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches("^\"?statements-\\d{8}T\\d{6}Z\\.csv\"?$", response.Content.Headers.ContentDisposition.FileName);
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        Assert.Equal(8, rows.Count);
        Assert.Equal(rows.Select(r => (string)r["statedAt"]).Order(StringComparer.Ordinal), rows.Select(r => (string)r["statedAt"]));
        Assert.Equal("2022-01-08T12:00:00Z", rows[0]["statedAt"]);
    }

    [Fact]
    public async Task The_health_ministry_row_summarises_both_its_figures_and_names_its_source()
    {
        var rows = await RowsAsync("?format=csv");

        var health = rows.Single(r => (string)r["statedAt"] == "2022-01-10T09:00:00Z");
        Assert.Equal("killed=164 (exact, people);killed:children=3 (exact, people)", health["figures"]);
        Assert.Equal(("Ministry of Health of Kazakhstan", "government"), (health["sourceName"], health["sourceKind"]));
        Assert.Equal(("active", "", ""), (health["status"], health["retractedAt"], health["retractionReason"]));
        Assert.Equal(("en", "1"), (health["language"], health["version"]));
        Assert.EndsWith("Z", (string)health["recordedAt"], StringComparison.Ordinal);
        var loss = rows.Single(r => (string)r["statedAt"] == "2022-01-10T14:00:00Z");
        Assert.Equal("economic_loss=2000000000-3000000000 (range, USD)", loss["figures"]);
        Assert.Equal("head_of_state", loss["sourceKind"]);
    }

    [Fact]
    public async Task The_retracted_post_shows_its_status_and_reason()
    {
        var rows = await RowsAsync("?format=csv");

        var post = rows.Single(r => (string)r["statedAt"] == "2022-01-09T08:00:00Z");
        Assert.Equal(("retracted", "2022-01-09T16:00:00Z", "technical mistake"), (post["status"], post["retractedAt"], post["retractionReason"]));
        Assert.Equal("killed=164 (more_than, people)", post["figures"]);
        Assert.All(rows.Where(r => r != post), r => Assert.Equal("active", r["status"]));
    }

    [Theory]
    [InlineData("&status=retracted", "2022-01-09T08:00:00Z")]
    [InlineData("&sourceKind=judiciary", "2022-01-15T12:00:00Z")]
    [InlineData("&from=2022-01-10T10:00:00Z&to=2022-01-10T13:00:00Z", "2022-01-10T12:00:00Z")]
    [InlineData("&q=economic%20damage", "2022-01-10T14:00:00Z")]
    public async Task Exports_take_the_list_filters(string filter, string statedAt)
    {
        var rows = await RowsAsync("?format=csv&incident=kazakhstan-2022-01" + filter);

        Assert.Equal(statedAt, Assert.Single(rows)["statedAt"]);
    }

    [Fact]
    public async Task As_of_noon_on_9_january_the_post_is_not_yet_retracted_and_later_statements_are_missing()
    {
        var rows = await RowsAsync("?format=csv&asOf=2022-01-09T12:00:00Z");

        Assert.Equal(["2022-01-08T12:00:00Z", "2022-01-09T08:00:00Z", "2022-01-09T12:00:00Z"], rows.Select(r => (string)r["statedAt"]));
        Assert.Equal(("active", ""), (rows[1]["status"], rows[1]["retractionReason"]));
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404_problem_for_the_export_the_list_and_the_retractions()
    {
        var export = await GetAsync("?format=csv&incident=no-such-incident");
        var list = await Client.GetAsync("/api/v1/statements?incident=no-such-incident");
        var retractions = await Client.GetAsync($"/api/v1/retractions?incident={Guid.CreateVersion7()}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, retractions.StatusCode);
    }

    [Theory]
    [InlineData("?format=geojson")]
    [InlineData("?format=xml")]
    [InlineData("?format=csv&status=gone")]
    [InlineData("?format=csv&asOf=yesterday")]
    public async Task Geojson_an_unknown_format_or_a_bad_filter_is_a_400_problem(string query)
    {
        var response = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Asking_for_geojson_by_accept_header_gets_the_json_page()
    {
        var response = await GetAsync("", "application/geo+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
