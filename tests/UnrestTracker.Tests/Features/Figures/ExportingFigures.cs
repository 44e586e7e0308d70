using System.Globalization;
using System.Net;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class ExportingFigures(ApiFactory api) : ApiTest(api)
{
    private const string Header = "id,statementId,incidentId,eventId,sourceId,sourceName,sourceKind,statedAt,metric,subject,value,low,high,"
        + "qualifier,unit,scopeCountry,scopeAdmin1,scopePlace,asOf,supersedes,status";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string query, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/figures{query}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return await Client.SendAsync(request);
    }

    private async Task<List<IDictionary<string, object>>> RowsAsync(string query, string? accept = null)
    {
        var response = await GetAsync(query, accept);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    private static IEnumerable<(object Value, object Status)> ValuesAndStatuses(IEnumerable<IDictionary<string, object>> rows) =>
        rows.Select(r => (r["value"], r["status"]));

    [Theory]
    [InlineData("?format=csv&limit=1&cursor=ignored", null)]
    [InlineData("?limit=1", "text/csv")]
    public async Task Csv_has_every_figure_with_its_source_and_status_in_stated_order(string query, string? accept)
    {
        var response = await GetAsync(query, accept);
        var rows = await RowsAsync(query, accept);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^\"?figures-\\d{8}T\\d{6}Z\\.csv\"?$", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(9, rows.Count);
        Assert.Equal(rows.Select(r => (string)r["statedAt"]).Order(StringComparer.Ordinal), rows.Select(r => (string)r["statedAt"]));
        var first = rows[0];
        Assert.Equal(("Ministry of Internal Affairs of Kazakhstan", "security_forces"), (first["sourceName"], first["sourceKind"]));
        Assert.Equal(("detained", "4404", "exact", "people"), (first["metric"], first["value"], first["qualifier"], first["unit"]));
        Assert.Equal(("2022-01-08T12:00:00Z", "2022-01-08T12:00:00Z"), (first["statedAt"], first["asOf"]));
        var loss = rows.Single(r => (string)r["metric"] == "economic_loss");
        Assert.Equal(("", "2000000000", "3000000000", "range", "USD"), (loss["value"], loss["low"], loss["high"], loss["qualifier"], loss["unit"]));
        var children = rows.Single(r => (string)r["subject"] == "children");
        Assert.Equal(("3", "current"), (children["value"], children["status"]));
        var post = rows.Single(r => (string)r["qualifier"] == "more_than");
        Assert.Equal(("164", "retracted"), (post["value"], post["status"]));
    }

    [Fact]
    public async Task Detentions_read_4404_5800_7939_9900_with_the_earlier_ones_superseded()
    {
        var rows = await RowsAsync("?format=csv&metric=detained&incident=kazakhstan-2022-01");

        Assert.Equal(
            [("4404", "superseded"), ("5800", "superseded"), ("7939", "superseded"), ("9900", "current")],
            ValuesAndStatuses(rows));
        Assert.Equal("approximately", rows[2]["qualifier"]);
    }

    [Fact]
    public async Task As_of_the_end_of_10_january_7939_is_the_current_detention_count()
    {
        var rows = await RowsAsync("?format=csv&metric=detained&asOf=2022-01-10T23:59:59Z");

        Assert.Equal([("4404", "superseded"), ("5800", "superseded"), ("7939", "current")], ValuesAndStatuses(rows));
    }

    [Theory]
    [InlineData("&status=current&metric=killed", "3 164 225")]
    [InlineData("&status=retracted", "164")]
    [InlineData("&status=superseded&metric=detained", "4404 5800 7939")]
    [InlineData("&sourceKind=judiciary", "225")]
    [InlineData("&metric=killed&subject=children", "3")]
    public async Task Exports_take_the_list_filters(string filter, string values)
    {
        var rows = await RowsAsync("?format=csv" + filter);

        // Figures of one statement share its statedAt and follow by id: compare the values in numeric order.
        Assert.Equal(values, string.Join(' ', rows.Select(r => (string)r["value"]).OrderBy(v => decimal.Parse(v, CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("?format=csv&incident=no-such-incident")]
    [InlineData("?incident=no-such-incident")]
    public async Task An_unknown_incident_is_a_404_problem_not_an_empty_list(string query)
    {
        var response = await Client.GetAsync("/api/v1/figures" + query);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Recorded_as_of_before_the_demo_was_loaded_exports_just_the_header()
    {
        var rows = await RowsAsync("?format=csv&recordedAsOf=2000-01-01");

        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("?format=geojson")]
    [InlineData("?format=pdf")]
    [InlineData("?format=csv&metric=wounded")]
    [InlineData("?format=csv&source=not-a-guid")]
    public async Task Geojson_an_unknown_format_or_a_bad_filter_is_a_400_problem(string query)
    {
        var response = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
