using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

public sealed class ImportingUcdp(ApiFactory api) : ImportTest(api)
{
    private const string ApiSample = "ucdp_ged_api_sample.csv";

    [Fact]
    public async Task Both_GED_layouts_and_the_pandas_quirks_import_without_a_rejection()
    {
        foreach (var (file, rows) in new[] { (ApiSample, 5L), ("ucdp_ged_sample.csv", 1000L), ("ucdp_ged191_myanmar_bangladesh.csv", 3194L) })
        {
            var report = await ImportOkAsync("ucdp", SampleData.Path(file));

            Assert.True(Count(report, "rejectedCount") == 0, $"{file}: {report.GetProperty("rejected")}");
            Assert.Equal(rows, Count(report, "rows"));
        }
    }

    [Fact]
    public async Task A_UCDP_event_keeps_best_low_high_and_the_deaths_of_each_side()
    {
        await ImportOkAsync("ucdp", SampleData.Path(ApiSample));

        var events = await GetOkAsync("/api/v1/events?externalRef=ucdp:79973");
        var e = Assert.Single(events.GetProperty("items").EnumerateArray());
        var statement = await StatementOfAsync("ucdp:79973");

        Assert.Equal("2013-07-24", e.GetProperty("date").GetString());
        Assert.Equal("battles", e.GetProperty("type").GetString());
        Assert.Equal("state-based", e.GetProperty("subType").GetString());
        Assert.Equal("AF", e.GetProperty("location").GetProperty("country").GetString());
        Assert.Equal(new[] { "Government of Afghanistan", "Taleban" }, e.GetProperty("actors").EnumerateArray().Select(a => a.GetString()!).ToArray());
        var figures = statement.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("subject").GetString() ?? "", f => f);
        Assert.Equal("range", figures[""].GetProperty("qualifier").GetString());
        Assert.Equal((4m, 4m, 4m), (figures[""].GetProperty("value").GetDecimal(), figures[""].GetProperty("low").GetDecimal(), figures[""].GetProperty("high").GetDecimal()));
        Assert.Equal(4m, figures["side_a"].GetProperty("value").GetDecimal());
        Assert.Equal(0m, figures["civilians"].GetProperty("value").GetDecimal());
        Assert.Equal("2013-07-24T23:59:59Z", figures[""].GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task The_same_file_twice_writes_nothing_the_second_time()
    {
        await ImportOkAsync("ucdp", SampleData.Path(ApiSample));
        var before = await LastChangeAsync();

        var again = await ImportOkAsync("ucdp", SampleData.Path(ApiSample));

        Assert.Equal(5, Count(again, "eventsUnchanged"));
        Assert.Equal(0, Count(again, "eventsCreated") + Count(again, "eventsUpdated") + Count(again, "statementsCreated"));
        Assert.Equal(before, await LastChangeAsync());
    }

    [Fact]
    public async Task A_changed_count_in_a_new_release_supersedes_the_old_figure_and_keeps_it_in_the_revisions()
    {
        await ImportOkAsync("ucdp", SampleData.Path(ApiSample), "?released=2024-06-01");
        var changed = Edited(ApiSample, (row, f) =>
        {
            if (f["id"] == "79973")
            {
                (f["best"], f["high"]) = ("6", "6");
            }
            return true;
        });

        var report = await ImportOkAsync("ucdp", changed, "?released=2025-06-01");
        var latest = await StatementOfAsync("ucdp:79973");
        var killed = latest.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("subject").ValueKind == JsonValueKind.Null);
        var revisions = await GetOkAsync($"/api/v1/figures/{killed.GetProperty("id").GetString()}/revisions");

        Assert.Equal((5L, 1L, 0L), (Count(report, "eventsUnchanged"), Count(report, "statementsCreated"), Count(report, "eventsUpdated")));
        Assert.Equal(new[] { "superseded", "current" }, revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray());
        Assert.Equal(2m, revisions.GetProperty("items")[1].GetProperty("change").GetDecimal());
    }

    [Fact]
    public async Task A_changed_place_writes_a_new_event_version_and_no_statement()
    {
        await ImportOkAsync("ucdp", SampleData.Path(ApiSample));
        var moved = Edited(ApiSample, (row, f) =>
        {
            f["where_coordinates"] = row == 1 ? "Darweshan town" : f["where_coordinates"];
            return true;
        });

        var report = await ImportOkAsync("ucdp", moved);
        var e = (await GetOkAsync("/api/v1/events?externalRef=ucdp:79973")).GetProperty("items")[0];

        Assert.Equal((1L, 4L, 0L), (Count(report, "eventsUpdated"), Count(report, "eventsUnchanged"), Count(report, "statementsCreated")));
        Assert.Equal(2, e.GetProperty("version").GetInt32());
        Assert.Equal("Darweshan town", e.GetProperty("location").GetProperty("place").GetString());
    }

    [Fact]
    public async Task A_file_of_another_layout_is_a_400_and_writes_nothing()
    {
        var response = await ImportAsync("ucdp", SampleData.Path("acled_sample.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("type_of_violence", (await BodyOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await GetOkAsync("/api/v1/imports")).GetProperty("items").EnumerateArray());
        Assert.Empty((await GetOkAsync("/api/v1/events")).GetProperty("items").EnumerateArray());
    }

    /// <summary>The dataset's latest statement on the event with that external ref.</summary>
    private async Task<JsonElement> StatementOfAsync(string externalRef)
    {
        var e = (await GetOkAsync($"/api/v1/events?externalRef={externalRef}")).GetProperty("items")[0];
        var statements = await GetOkAsync($"/api/v1/statements?incident={e.GetProperty("incidentId").GetString()}&limit=1000");
        return statements.GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("eventId").GetString() == e.GetProperty("id").GetString())
            .OrderBy(s => s.GetProperty("statedAt").GetString(), StringComparer.Ordinal).Last();
    }
}
