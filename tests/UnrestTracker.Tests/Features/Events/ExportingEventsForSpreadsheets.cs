using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>CSV opened in a spreadsheet never runs a cell as a formula, unless csvFormulas=raw asks for the text verbatim.</summary>
public sealed class ExportingEventsForSpreadsheets(ApiFactory api) : EventTest(api)
{
    private const string Link = "=HYPERLINK(\"http://example.invalid/x\",\"open\")";

    private async Task<IDictionary<string, object>> OnlyRowAsync(string query)
    {
        await CreateEventIdAsync(b =>
        {
            b["title"] = Link;
            b["subType"] = "+1 protest";
            b["description"] = "-2+3 injured";
            b["actors"] = new JsonArray("@SUM(A1)", "Police");
            Location(b)["place"] = "@London";
            Location(b)["latitude"] = 51.5074;
            Location(b)["longitude"] = -0.1278;
        });
        var response = await Client.GetAsync($"/api/v1/events?format=csv{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        return Assert.Single(reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList());
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_gets_a_leading_quote_and_numbers_stay_numbers()
    {
        var row = await OnlyRowAsync("");

        Assert.Equal("'" + Link, row["title"]);
        Assert.Equal("'+1 protest", row["subType"]);
        Assert.Equal("'-2+3 injured", row["description"]);
        Assert.Equal("'@SUM(A1);Police", row["actors"]);
        Assert.Equal("'@London", row["place"]);
        Assert.Equal(("51.5074", "-0.1278", "2022-01-05"), (row["latitude"], row["longitude"], row["date"]));
        Assert.Matches("^[0-9a-f-]{36}$", (string)row["id"]);
    }

    [Theory]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public async Task A_formula_behind_a_leading_tab_or_carriage_return_is_still_neutralised(string text)
    {
        await CreateEventIdAsync(b => b["description"] = text);

        using var reader = new CsvReader(new StringReader(await Client.GetStringAsync("/api/v1/events?format=csv")), CultureInfo.InvariantCulture);
        var row = Assert.Single(reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList());

        Assert.Equal("'=1+1", row["description"]);
    }

    [Fact]
    public async Task Csv_formulas_raw_writes_text_verbatim()
    {
        var row = await OnlyRowAsync("&csvFormulas=raw");

        Assert.Equal((Link, "+1 protest", "@London", "-0.1278"), (row["title"], row["subType"], row["place"], row["longitude"]));
    }

    [Theory]
    [InlineData("/api/v1/events?format=csv&csvFormulas=RAW")]
    [InlineData("/api/v1/events?csvFormulas=escape")]
    [InlineData("/api/v1/events?format=csv&csvFormulas=")]
    [InlineData("/api/v1/statements?format=csv&csvFormulas=off")]
    [InlineData("/api/v1/figures?format=csv&csvFormulas=1")]
    public async Task Any_other_csv_formulas_value_is_a_400_naming_it(string path)
    {
        var response = await Client.GetAsync(path);
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("csvFormulas", out _), problem.ToString());
    }
}
