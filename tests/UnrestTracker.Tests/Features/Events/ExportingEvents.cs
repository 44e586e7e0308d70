using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class ExportingEvents(ApiFactory api) : EventTest(api)
{
    private async Task ArrangeAsync()
    {
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Almaty, \"airport\"; seized";
            b["description"] = "Line one\nline two, with a comma";
            b["actors"] = new JsonArray("Rioters", "Police");
            b["externalRefs"] = new JsonArray(new JsonObject { ["system"] = "acled", ["id"] = "KAZ2811" });
        });
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Day of mourning";
            b["date"] = "2022-01-10";
            b["type"] = "strategic_developments";
            Location(b).Remove("latitude");
            Location(b).Remove("longitude");
            Location(b)["precision"] = "country";
        });
    }

    private async Task<HttpResponseMessage> GetAsync(string query, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/events{query}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return await Client.SendAsync(request);
    }

    [Theory]
    [InlineData("?format=csv", null)]
    [InlineData("", "text/csv")]
    [InlineData("?format=CSV", "application/json")]
    public async Task Csv_has_a_header_and_one_row_per_event_that_csvhelper_reads_back(string query, string? accept)
    {
        await ArrangeAsync();

        var response = await GetAsync(query + (query.Length == 0 ? "?" : "&") + "limit=1&cursor=ignored", accept);
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches("^\"?events-\\d{8}T\\d{6}Z\\.csv\"?$", response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Almaty, \"airport\"; seized", rows[0]["title"]);
        Assert.Equal("Line one\nline two, with a comma", rows[0]["description"]);
        Assert.Equal("Rioters;Police", rows[0]["actors"]);
        Assert.Equal("acled:KAZ2811", rows[0]["externalRefs"]);
        Assert.Equal(("KZ", "43.2389", "76.8897", "exact"), (rows[0]["country"], rows[0]["latitude"], rows[0]["longitude"], rows[0]["locationPrecision"]));
        Assert.Equal(("2022-01-10", "strategic_developments", "", "country"), (rows[1]["date"], rows[1]["type"], rows[1]["latitude"], rows[1]["locationPrecision"]));
    }

    [Theory]
    [InlineData("?format=geojson", null)]
    [InlineData("", "application/geo+json")]
    public async Task Geojson_is_a_feature_collection_with_lon_lat_points_and_null_geometry_without_coordinates(string query, string? accept)
    {
        await ArrangeAsync();

        var response = await GetAsync(query, accept);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var features = collection.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".geojson", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        Assert.Equal(2, features.Count);
        Assert.All(features, f => Assert.Equal("Feature", f.GetProperty("type").GetString()));
        var point = features[0].GetProperty("geometry");
        Assert.Equal("Point", point.GetProperty("type").GetString());
        Assert.Equal([76.8897, 43.2389], point.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("Almaty, \"airport\"; seized", features[0].GetProperty("properties").GetProperty("title").GetString());
        Assert.Equal("riots", features[0].GetProperty("properties").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, features[1].GetProperty("geometry").ValueKind);
        Assert.Equal("Day of mourning", features[1].GetProperty("properties").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Exports_take_the_list_filters()
    {
        await ArrangeAsync();

        var csv = await (await GetAsync("?format=csv&type=strategic_developments")).Content.ReadAsStringAsync();
        var geo = JsonDocument.Parse(await (await GetAsync("?format=geojson&bbox=76,43,77,44")).Content.ReadAsStringAsync()).RootElement;

        Assert.DoesNotContain("airport", csv, StringComparison.Ordinal);
        Assert.Contains("Day of mourning", csv, StringComparison.Ordinal);
        Assert.Single(geo.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task An_empty_export_still_has_its_header_and_an_empty_collection()
    {
        var csv = await (await GetAsync("?format=csv")).Content.ReadAsStringAsync();
        var geo = JsonDocument.Parse(await (await GetAsync("?format=geojson")).Content.ReadAsStringAsync()).RootElement;

        Assert.StartsWith("id,incidentId,date,", csv, StringComparison.Ordinal);
        Assert.Empty(geo.GetProperty("features").EnumerateArray());
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=")]
    [InlineData("?format=csv&country=XX")]
    public async Task An_unknown_format_or_a_bad_filter_is_a_400_problem_not_a_broken_file(string query)
    {
        var response = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_accept_header_naming_nothing_exportable_gets_json()
    {
        await ArrangeAsync();

        var response = await GetAsync("", "text/html, */*");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
