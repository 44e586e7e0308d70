using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

public sealed class ImportingAcled(ApiFactory api) : ImportTest(api)
{
    private const string Sample = "acled_sample.csv";
    private const string KazakhJanuary = "?incident=kazakhstan-2022-01&country=KZ&from=2022-01-01&to=2022-01-31";

    [Fact]
    public async Task The_Kazakh_January_rows_join_the_demo_and_leave_its_official_toll_the_headline()
    {
        await Api.LoadDemoAsync();

        var report = await ImportOkAsync("acled", SampleData.Path(Sample), KazakhJanuary);
        var killed = (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed")).GetProperty("items")
            .EnumerateArray().Single(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null && r.GetProperty("scope").ValueKind == JsonValueKind.Null);
        var acled = Assert.Single(killed.GetProperty("eventSums").EnumerateArray());

        Assert.Equal((500L, 13L, 487L, 0L), (Count(report, "rows"), Count(report, "eventsCreated"), Count(report, "skipped"), Count(report, "rejectedCount")));
        Assert.Equal(225m, killed.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal((164m, 225m), (killed.GetProperty("range").GetProperty("low").GetDecimal(), killed.GetProperty("range").GetProperty("high").GetDecimal()));
        Assert.Equal("ACLED", acled.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal((13, 12m), (acled.GetProperty("events").GetInt32(), acled.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task The_Almaty_riot_is_found_by_its_ACLED_id_with_its_twelve_fatalities()
    {
        await ImportOkAsync("acled", SampleData.Path(Sample), "?country=KZ");

        var e = Assert.Single((await GetOkAsync("/api/v1/events?externalRef=acled:KAZ2811")).GetProperty("items").EnumerateArray());
        var incident = await GetOkAsync($"/api/v1/incidents/{e.GetProperty("incidentId").GetString()}");
        var statement = Assert.Single((await GetOkAsync($"/api/v1/statements?incident={incident.GetProperty("slug").GetString()}&limit=100"))
            .GetProperty("items").EnumerateArray(), s => s.GetProperty("eventId").GetString() == e.GetProperty("id").GetString());
        var figure = Assert.Single(statement.GetProperty("figures").EnumerateArray());

        Assert.Equal(("riots", "Violent demonstration in Almaty"), (e.GetProperty("type").GetString(), e.GetProperty("title").GetString()));
        Assert.Equal("acled-kazakhstan-2022-01", incident.GetProperty("slug").GetString());
        Assert.Equal("ACLED: Kazakhstan, January 2022", incident.GetProperty("title").GetString());
        Assert.Equal(("at_least", 12m), (figure.GetProperty("qualifier").GetString(), figure.GetProperty("value").GetDecimal()));
        Assert.Equal("ACLED: 12 reported fatalities", statement.GetProperty("summary").GetString());
        Assert.Equal("RFE/RL; Interfax; Ak Zhaiyk", statement.GetProperty("publisher").GetString());
        Assert.Contains(statement.GetProperty("externalRefs").EnumerateArray(), r => r.GetProperty("system").GetString() == "import");
        Assert.Contains("Police Forces of Kazakhstan (2019-)", e.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_row_number_and_reason_while_the_others_import()
    {
        var broken = Edited(Sample, (row, f) =>
        {
            switch (row)
            {
                case 1: f["event_date"] = "2022-13-45"; break;
                case 2: f["latitude"] = "95"; break;
                case 3: f["event_type"] = "Parades"; break;
            }
            return true;
        });

        var report = await ImportOkAsync("acled", broken);
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt64(), r => r.GetProperty("reason").GetString()!);

        Assert.Equal(3, Count(report, "rejectedCount"));
        Assert.Equal(497, Count(report, "eventsCreated"));
        Assert.Contains("event_date", rejected[1], StringComparison.Ordinal);
        Assert.Contains("latitude", rejected[2], StringComparison.Ordinal);
        Assert.Contains("event_type", rejected[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_above_ten_to_the_fifteen_or_a_timestamp_past_2199_is_rejected_like_a_client_s_body()
    {
        var extreme = Edited(Sample, (row, f) =>
        {
            switch (row)
            {
                case 1: f["fatalities"] = "10000000000000000"; break;
                case 2: f["timestamp"] = "253402300799"; break;
            }
            return row <= 3;
        });

        var report = await ImportOkAsync("acled", extreme);
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt64(), r => r.GetProperty("reason").GetString()!);

        Assert.Equal((2L, 1L), (Count(report, "rejectedCount"), Count(report, "eventsCreated")));
        Assert.Contains("figures[0].value", rejected[1], StringComparison.Ordinal);
        Assert.Contains("statedAt", rejected[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kosovo_coded_as_zero_becomes_XK()
    {
        var kosovo = Edited(Sample, (row, f) => f["iso"] == "0");

        var report = await ImportOkAsync("acled", kosovo);
        var events = await GetOkAsync("/api/v1/events?country=XK");

        Assert.True(Count(report, "eventsCreated") > 0);
        Assert.Equal(Count(report, "eventsCreated"), events.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_deletion_retracts_the_ACLED_statement_and_tombstones_the_event_and_a_later_row_comes_back_as_new()
    {
        await ImportOkAsync("acled", SampleData.Path(Sample), KazakhJanuary);
        var deleted = (await GetOkAsync("/api/v1/events?externalRef=acled:KAZ2811")).GetProperty("items")[0].GetProperty("id").GetString();

        var report = await ImportOkAsync("acled-deletions", Written("event_id_cnty,deleted_timestamp\nKAZ2811,1650000000\nKAZ0000,1650000000\n"));
        var tombstone = await GetOkAsync($"/api/v1/events/{deleted}");
        var retraction = Assert.Single((await GetOkAsync("/api/v1/retractions")).GetProperty("items").EnumerateArray());
        var again = await ImportOkAsync("acled", SampleData.Path(Sample), KazakhJanuary);

        Assert.Equal((1L, 1L, 1L), (Count(report, "eventsDeleted"), Count(report, "statementsRetracted"), Count(report, "skipped")));
        Assert.Equal("deleted upstream by ACLED", tombstone.GetProperty("deleted").GetProperty("reason").GetString());
        Assert.Equal("deleted upstream", retraction.GetProperty("reason").GetString());
        Assert.Equal("2022-04-15T05:20:00Z", retraction.GetProperty("retractedAt").GetString());
        Assert.Equal((1L, 12L), (Count(again, "eventsCreated"), Count(again, "eventsUnchanged")));
    }

    [Fact]
    public async Task An_incident_the_import_created_widens_to_cover_later_rows_in_a_new_version()
    {
        await ImportOkAsync("acled", SampleData.Path(Sample), "?incident=kazakh-unrest&country=KZ&from=2022-01-01&to=2022-01-31");
        var before = await GetOkAsync("/api/v1/incidents/kazakh-unrest");

        await ImportOkAsync("acled", SampleData.Path(Sample), "?incident=kazakh-unrest&country=KZ");
        var after = await GetOkAsync("/api/v1/incidents/kazakh-unrest");

        // Version 1 already covers the rows of the batch that created it; the second import widens it by a version of its own.
        Assert.Equal(("2022-01-02", "2022-01-30", 1), (before.GetProperty("startDate").GetString(), before.GetProperty("endDate").GetString(), before.GetProperty("version").GetInt32()));
        Assert.Equal(("2022-01-02", 2), (after.GetProperty("startDate").GetString(), after.GetProperty("version").GetInt32()));
        Assert.StartsWith("2022-06", after.GetProperty("endDate").GetString(), StringComparison.Ordinal);
        Assert.Contains("imported", after.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_command_line_prints_the_report_and_exits_2_for_another_layout()
    {
        var (exit, stdout, stderr) = await OperatorCommand.RunAsync(Api, "import", "acled", SampleData.Path(Sample), "--country", "KZ");
        var (wrongExit, wrongStdout, _) = await OperatorCommand.RunAsync(Api, "import", "acled", SampleData.Path("ucdp_ged_api_sample.csv"));

        Assert.True(exit == 0, stderr);
        Assert.Equal(38, Count(JsonDocument.Parse(stdout).RootElement, "eventsCreated"));
        Assert.Contains("rows/s", stderr, StringComparison.Ordinal);
        Assert.Equal((2, ""), (wrongExit, wrongStdout));
    }
}
