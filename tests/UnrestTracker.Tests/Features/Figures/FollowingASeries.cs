using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class FollowingASeries(ApiFactory api) : ClaimsTest(api)
{
    private async Task<JsonElement> StateByAsync(Guid sourceId, string statedAt, Dictionary<string, object?> figure)
    {
        var body = Statement(statedAt, figure);
        body["sourceId"] = sourceId;
        return await PostOkAsync("/api/v1/statements", body);
    }

    [Fact]
    public async Task A_later_figure_from_another_source_leaves_the_earlier_one_current_unless_it_names_it()
    {
        var police = (await CreateSourceAsync("Police", "security_forces")).GetProperty("id").GetGuid();
        var health = await StateAsync("2022-01-10T09:00:00Z", Figure(164));
        var named = Figure(170);
        named["supersedes"] = FigureId(health);
        await StateByAsync(police, "2022-01-11T09:00:00Z", Figure(200));

        var untouched = await GetOkAsync($"/api/v1/figures/{FigureId(health)}");
        await StateByAsync(police, "2022-01-12T09:00:00Z", named);
        var replaced = await GetOkAsync($"/api/v1/figures/{FigureId(health)}");

        Assert.Equal("current", untouched.GetProperty("status").GetString());
        Assert.Equal("superseded", replaced.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_change_skips_retracted_values_and_revisions_still_list_them()
    {
        await StateAsync("2022-01-08T09:00:00Z", Figure(100));
        var wrong = await StateAsync("2022-01-09T09:00:00Z", Figure(500));
        await StateAsync("2022-01-10T09:00:00Z", Figure(150));
        await RetractAsync(wrong, "2022-01-09T10:00:00Z");

        var revisions = (await GetOkAsync($"/api/v1/figures/{FigureId(wrong)}/revisions")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([100m, 500m, 150m], revisions.Select(r => r.GetProperty("value").GetDecimal()));
        Assert.Equal([null, 400m, 50m], revisions.Select(r => r.GetProperty("change").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("change").GetDecimal()));
        Assert.Equal(["superseded", "retracted", "current"], revisions.Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Subjects_and_scopes_make_separate_series()
    {
        var children = Figure(3);
        children["subject"] = "children";
        var almaty = Figure(103);
        almaty["scope"] = new { country = "KZ", place = "Almaty" };
        await StateAsync("2022-01-10T09:00:00Z", Figure(164), children, almaty);

        var series = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray().ToList();
        var onlyChildren = await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?subject=children");

        Assert.Equal(3, series.Count);
        Assert.Equal([3m, 103m, 164m], series.Select(s => s.GetProperty("headline").GetProperty("value").GetDecimal()).Order());
        Assert.Equal(3m, Assert.Single(onlyChildren.GetProperty("items").EnumerateArray()).GetProperty("headline").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Scopes_that_differ_only_in_where_a_bar_falls_are_two_series()
    {
        var first = Figure(10);
        first["scope"] = new { country = "KZ", admin1 = "A|B", place = "C" };
        var second = Figure(20);
        second["scope"] = new { country = "KZ", admin1 = "A", place = "B|C" };
        await StateAsync("2022-01-10T09:00:00Z", first, second);

        var series = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray().ToList();
        var current = await GetOkAsync("/api/v1/figures?status=current");

        Assert.Equal(2, series.Count);
        Assert.Equal([10m, 20m], series.Select(s => s.GetProperty("headline").GetProperty("value").GetDecimal()).Order());
        Assert.Equal(2, current.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Source_kind_narrows_the_series_to_that_kind_of_source()
    {
        var prosecutors = (await CreateSourceAsync("Prosecutors", "judiciary")).GetProperty("id").GetGuid();
        await StateAsync("2022-01-10T09:00:00Z", Figure(164));
        await StateByAsync(prosecutors, "2022-01-15T09:00:00Z", Figure(225));

        var government = await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?sourceKind=government");
        var judiciary = await GetOkAsync($"/api/v1/figures?sourceKind=judiciary");

        Assert.Equal(164m, government.GetProperty("items")[0].GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal([225m], judiciary.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Figures_filter_by_status_at_the_moment_asked()
    {
        await StateAsync("2022-01-09T09:00:00Z", Figure(100));
        await StateAsync("2022-01-10T09:00:00Z", Figure(150));

        var supersededNow = await GetOkAsync("/api/v1/figures?status=superseded");
        var supersededThen = await GetOkAsync("/api/v1/figures?status=superseded&asOf=2022-01-09");

        Assert.Equal([100m], supersededNow.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Empty(supersededThen.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Current_figures_are_the_latest_standing_ones_at_the_moment_asked()
    {
        var other = await CreateIncidentAsync("Other", "other");
        await StateAsync("2022-01-09T09:00:00Z", Figure(100));
        var later = await StateAsync("2022-01-10T09:00:00Z", Figure(150));
        var elsewhere = Statement("2022-01-10T09:00:00Z", Figure(7));
        elsewhere["incidentId"] = other.GetProperty("id").GetGuid();
        await PostOkAsync("/api/v1/statements", elsewhere);
        await RetractAsync(later, "2022-01-11T09:00:00Z");

        var now = await GetOkAsync($"/api/v1/figures?status=current&incident={IncidentId}");
        var beforeRetraction = await GetOkAsync($"/api/v1/figures?status=current&incident={IncidentId}&asOf=2022-01-10");
        var everywhere = await GetOkAsync("/api/v1/figures?status=current");

        Assert.Equal([100m], now.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Equal([150m], beforeRetraction.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Equal([100m, 7m], everywhere.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task A_statement_recorded_later_is_absent_from_an_earlier_recorded_as_of()
    {
        var first = await StateAsync("2022-01-09T09:00:00Z", Figure(100));
        await StateAsync("2022-01-10T09:00:00Z", Figure(150));
        var then = first.GetProperty("recordedAt").GetString();

        var statements = await GetOkAsync($"/api/v1/statements?recordedAsOf={then}");
        var series = await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?recordedAsOf={then}");

        Assert.Single(statements.GetProperty("items").EnumerateArray());
        Assert.Equal(100m, series.GetProperty("items")[0].GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal("current", series.GetProperty("items")[0].GetProperty("headline").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_incident_has_no_series_but_a_404()
    {
        var response = await Client.GetAsync("/api/v1/incidents/no-such-incident/figures");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Retractions_filter_on_when_they_were_made()
    {
        var a = await StateAsync("2022-01-09T09:00:00Z");
        var b = await StateAsync("2022-01-10T09:00:00Z");
        await RetractAsync(a, "2022-01-09T12:00:00Z");
        await RetractAsync(b, "2022-01-11T12:00:00Z");

        var early = await GetOkAsync("/api/v1/retractions?to=2022-01-10");
        var all = await GetOkAsync($"/api/v1/retractions?source={SourceId}");

        Assert.Equal([a.GetProperty("id").GetString()], early.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("statementId").GetString()));
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Revisions_page_and_the_change_looks_back_across_the_page_boundary()
    {
        var first = await StateAsync("2022-01-08T09:00:00Z", Figure(100));
        var wrong = await StateAsync("2022-01-09T09:00:00Z", Figure(500));
        await StateAsync("2022-01-10T09:00:00Z", Figure(150));
        await RetractAsync(wrong, "2022-01-09T10:00:00Z");

        var page1 = await GetOkAsync($"/api/v1/figures/{FigureId(first)}/revisions?limit=2");
        var page2 = await GetOkAsync($"/api/v1/figures/{FigureId(first)}/revisions?limit=2&cursor={page1.GetProperty("nextCursor").GetString()}");

        var last = Assert.Single(page2.GetProperty("items").EnumerateArray());
        Assert.Equal(150m, last.GetProperty("value").GetDecimal());
        Assert.Equal(50m, last.GetProperty("change").GetDecimal());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
    }
}
