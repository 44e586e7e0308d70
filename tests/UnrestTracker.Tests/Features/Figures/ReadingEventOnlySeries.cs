using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class ReadingEventOnlySeries(ApiFactory api) : EventClaimsTest(api)
{
    private Guid _acled;
    private Guid _riot;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acled = await CreateSourceIdAsync("ACLED");
        _riot = await CreateEventAsync("2022-01-05");
    }

    private static string Describe(JsonElement row) =>
        $"{row.GetProperty("metric").GetString()}/{row.GetProperty("subject").GetString()}/{row.GetProperty("scope").ValueKind}"
        + $"/{row.GetProperty("eventSums").GetArrayLength()}";

    [Fact]
    public async Task A_count_only_events_give_has_a_row_with_no_headline_and_its_sums()
    {
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(7, metric: "injured"));

        var row = Assert.Single((await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray());

        Assert.Equal(("injured", JsonValueKind.Null, JsonValueKind.Null), (row.GetProperty("metric").GetString(),
            row.GetProperty("subject").ValueKind, row.GetProperty("headline").ValueKind));
        Assert.Empty(row.GetProperty("perSource").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (row.GetProperty("range").GetProperty("low").ValueKind, row.GetProperty("range").GetProperty("high").ValueKind));
        Assert.Equal(0, row.GetProperty("revisionCount").GetInt32());
        var sum = Assert.Single(row.GetProperty("eventSums").EnumerateArray());
        Assert.Equal((_acled, "ngo", 1, 7m), (sum.GetProperty("source").GetProperty("id").GetGuid(),
            sum.GetProperty("source").GetProperty("kind").GetString(), sum.GetProperty("events").GetInt32(), sum.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Event_only_rows_take_their_place_in_the_paged_order_and_scoped_rows_carry_no_sums()
    {
        var almaty = Figure(50);
        almaty["scope"] = new { country = "KZ", place = "Almaty" };
        await StateAsync("2022-01-10T09:00:00Z", Figure(100, metric: "detained"), almaty);
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(7, metric: "injured"), Figure(12), Subject(Figure(2), "children"));

        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?limit=1" + (cursor is null ? "" : $"&cursor={cursor}"));
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        var whole = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray();

        string[] expected = ["detained//Null/0", "injured//Null/1", "killed//Null/1", "killed//Object/0", "killed/children/Null/1"];
        Assert.Equal(expected, rows.Select(Describe));
        Assert.Equal(expected, whole.Select(Describe));
    }

    [Fact]
    public async Task Metric_subject_and_source_kind_filters_narrow_the_sums_too()
    {
        var police = await CreateSourceIdAsync("Police", "security_forces");
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", _acled, Figure(12), Figure(7, metric: "injured"), Subject(Figure(2), "children"));
        await StateOnEventAsync(_riot, "2022-01-08T09:00:00Z", police, Figure(20));

        var injured = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?metric=injured")).GetProperty("items").EnumerateArray();
        var children = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?subject=children")).GetProperty("items").EnumerateArray();
        var byPolice = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?sourceKind=security_forces")).GetProperty("items").EnumerateArray();

        Assert.Equal(["injured"], injured.Select(r => r.GetProperty("metric").GetString()));
        Assert.Equal(["children"], children.Select(r => r.GetProperty("subject").GetString()));
        var row = Assert.Single(byPolice);
        Assert.Equal([20m], row.GetProperty("eventSums").EnumerateArray().Select(s => s.GetProperty("value").GetDecimal()));
    }
}
