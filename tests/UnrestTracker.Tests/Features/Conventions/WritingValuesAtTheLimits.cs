using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// Figure values at most 10^15, arrays of at most 100 items, dates and timestamps within 1800..2199: beyond, a 400 naming
/// the field and nothing written, never a 500 (API.md, Conventions).
/// </summary>
public sealed class WritingValuesAtTheLimits(ApiFactory api) : EventClaimsTest(api)
{
    private async Task AssertRejectedAsync(HttpResponseMessage response, string path)
    {
        var problem = await BodyOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"Expected an error for {path}: {problem}");
    }

    private static decimal Parse(string number) => decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("value", "1000000000000001")]
    [InlineData("value", "5e28")]
    [InlineData("low", "1000000000000001")]
    [InlineData("high", "1000000000000001")]
    public async Task A_figure_value_above_ten_to_the_fifteen_is_a_400_naming_it(string field, string number)
    {
        // high as large as the value tried, so that only the bound is broken (not low <= value <= high).
        var figure = RangeFigure(0, Parse(number));
        figure[field] = Parse(number);

        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/statements", Statement(figures: figure)), $"figures[0].{field}");
        Assert.Empty((await GetOkAsync("/api/v1/statements")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Ten_to_the_fifteen_itself_is_accepted_and_summed_over_events()
    {
        var (riot, march) = (await CreateEventAsync("2022-01-05"), await CreateEventAsync("2022-01-06", title: "March"));
        await StateOnEventAsync(riot, "2022-01-10T09:00:00Z", figures: Figure(1_000_000_000_000_000m));
        await StateOnEventAsync(march, "2022-01-10T09:00:00Z", figures: Figure(1_000_000_000_000_000m));

        var row = Assert.Single((await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items").EnumerateArray());

        Assert.Equal(2_000_000_000_000_000m, row.GetProperty("eventSums")[0].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_fix_cannot_raise_a_value_above_the_bound()
    {
        var created = await StateAsync();
        var path = $"/api/v1/statements/{created.GetProperty("id").GetString()}";
        var figure = Figure(5e28m);
        figure["id"] = FigureId(created);
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(Statement(figures: figure)) };
        put.Headers.IfMatch.Add((await Client.GetAsync(path)).Headers.ETag!);

        await AssertRejectedAsync(await Client.SendAsync(put), "figures[0].value");
        Assert.Equal(164m, (await GetOkAsync(path)).GetProperty("figures")[0].GetProperty("value").GetDecimal());
    }

    public static TheoryData<string> CalendarEnds => ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "1799-12-31T23:59:59Z", "2200-01-01T00:00:00Z"];

    [Theory]
    [MemberData(nameof(CalendarEnds))]
    public async Task An_incident_wide_figure_stated_at_either_end_of_the_calendar_is_a_400_naming_statedAt(string statedAt)
    {
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/statements", Statement(statedAt)), "statedAt");
        Assert.Equal(200, (int)(await Client.GetAsync($"/api/v1/incidents/{IncidentId}/figures")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(CalendarEnds))]
    public async Task A_figure_asOf_and_a_retraction_at_either_end_are_400s_naming_them(string at)
    {
        var figure = Figure();
        figure["asOf"] = at;
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/statements", Statement(figures: figure)), "figures[0].asOf");

        var statement = await StateAsync();
        await AssertRejectedAsync(await RetractAsync(statement, at), "retractedAt");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task An_event_or_incident_dated_at_either_end_is_a_400_naming_the_date(string day)
    {
        var @event = new { incidentId = IncidentId, date = day, type = "riots", title = "Riot", location = new { country = "KZ", precision = "country" } };
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/events", @event), "date");

        var incident = new { title = "Old unrest", summary = "Long ago.", startDate = day };
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/incidents", incident), "startDate");
    }

    [Fact]
    public async Task The_first_and_last_days_of_the_bound_are_accepted()
    {
        await StateAsync("1800-01-01T00:00:00Z");
        await StateAsync("2199-12-31T23:59:59.999999Z");
    }

    [Theory]
    [InlineData("actors")]
    [InlineData("tags")]
    [InlineData("sourceIds")]
    [InlineData("externalRefs")]
    public async Task An_event_array_of_101_items_is_a_400_naming_it(string field)
    {
        var body = EventBody(field, 101);

        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/events", body), field);
        Assert.Empty((await GetOkAsync("/api/v1/events")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_event_array_of_100_items_is_accepted()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/events", EventBody("actors", 100));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Two_hundred_thousand_empty_actors_are_one_short_error_not_two_hundred_thousand()
    {
        var body = EventBody("actors", 0);
        body["actors"] = Enumerable.Repeat("", 200_000).ToArray();

        var response = await Client.PostAsJsonAsync("/api/v1/events", body);
        var errors = (await BodyOf(response)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["actors"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Statement_figures_and_incident_countries_are_capped_at_100_too()
    {
        var figures = Enumerable.Range(0, 101).Select(_ => Figure()).ToArray();
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/statements", Statement(figures: figures)), "figures");

        var refs = Enumerable.Range(0, 101).Select(i => new { system = "acled", id = $"KAZ{i}" }).ToArray();
        var statement = Statement();
        statement["externalRefs"] = refs;
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/statements", statement), "externalRefs");

        var incident = new { title = "Everywhere", summary = "Worldwide.", startDate = "2022-01-01", countries = Enumerable.Repeat("KZ", 101).ToArray() };
        await AssertRejectedAsync(await Client.PostAsJsonAsync("/api/v1/incidents", incident), "countries");
    }

    private Dictionary<string, object?> EventBody(string field, int count)
    {
        var body = new Dictionary<string, object?>
        {
            ["incidentId"] = IncidentId,
            ["date"] = "2022-01-05",
            ["type"] = "riots",
            ["title"] = "Riot",
            ["location"] = new { country = "KZ", precision = "country" },
        };
        body[field] = field switch
        {
            "sourceIds" => Enumerable.Repeat(SourceId, count).ToArray(),
            "externalRefs" => Enumerable.Range(0, count).Select(i => (object)new { system = "acled", id = $"KAZ{i}" }).ToArray(),
            _ => Enumerable.Range(0, count).Select(i => $"{field} {i}").ToArray(),
        };
        return body;
    }
}
