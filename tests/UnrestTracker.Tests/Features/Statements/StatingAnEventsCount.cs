using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class StatingAnEventsCount(ApiFactory api) : EventClaimsTest(api)
{
    private static void AssertProblemNames(JsonElement problem, string path) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"expected an error at {path}: {problem}");

    [Fact]
    public async Task Every_figure_shape_carries_the_event_of_its_statement_and_incident_wide_ones_carry_null()
    {
        var riot = await CreateEventAsync();
        var counted = await StateOnEventAsync(riot, "2022-01-06T09:00:00Z", figures: Figure(12));
        var toll = await StateAsync("2022-01-10T09:00:00Z", Figure(164));

        var figure = await GetOkAsync($"/api/v1/figures/{FigureId(counted)}");
        var revision = (await GetOkAsync($"/api/v1/figures/{FigureId(counted)}/revisions")).GetProperty("items")[0];
        var listed = (await GetOkAsync("/api/v1/figures")).GetProperty("items").EnumerateArray().ToList();
        var csv = await (await Client.GetAsync("/api/v1/figures?format=csv")).Content.ReadAsStringAsync();

        Assert.Equal(riot, counted.GetProperty("figures")[0].GetProperty("eventId").GetGuid());
        Assert.Equal(JsonValueKind.Null, toll.GetProperty("figures")[0].GetProperty("eventId").ValueKind);
        Assert.Equal(riot, figure.GetProperty("eventId").GetGuid());
        Assert.Equal(riot, revision.GetProperty("eventId").GetGuid());
        Assert.Equal([riot.ToString(), null], listed.Select(f => f.GetProperty("eventId").GetString()));
        Assert.Contains($",{riot},", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_figure_echoed_back_with_its_event_id_is_accepted()
    {
        var riot = await CreateEventAsync();
        var figure = Figure(12);
        figure["eventId"] = riot;

        var response = await Client.PostAsJsonAsync("/api/v1/statements", EventStatement(riot, "2022-01-06T09:00:00Z", figures: figure));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_event_of_another_incident_is_refused_naming_event_id()
    {
        var other = (await CreateIncidentAsync("Other unrest", "other-unrest")).GetProperty("id").GetGuid();
        var elsewhere = await CreateEventAsync(incidentId: other);

        var response = await Client.PostAsJsonAsync("/api/v1/statements", EventStatement(elsewhere, "2022-01-06T09:00:00Z"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProblemNames(await BodyOf(response), "eventId");
    }

    [Theory]
    [InlineData("event", "incident")]
    [InlineData("incident", "event")]
    [InlineData("event", "other event")]
    public async Task A_figure_cannot_supersede_one_of_another_level_or_event(string from, string to)
    {
        var riot = await CreateEventAsync();
        var march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        var target = to switch
        {
            "incident" => await StateAsync("2022-01-06T09:00:00Z"),
            "event" => await StateOnEventAsync(riot, "2022-01-06T09:00:00Z"),
            _ => await StateOnEventAsync(march, "2022-01-06T09:00:00Z"),
        };
        var figure = Figure(170);
        figure["supersedes"] = FigureId(target);
        var body = from == "event" ? EventStatement(riot, "2022-01-07T09:00:00Z", figures: figure) : Statement("2022-01-07T09:00:00Z", figure);

        var response = await Client.PostAsJsonAsync("/api/v1/statements", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProblemNames(await BodyOf(response), "figures[0].supersedes");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fix_cannot_move_a_statement_to_another_event_or_off_its_event(bool toAnotherEvent)
    {
        var riot = await CreateEventAsync();
        var march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        var created = await StateOnEventAsync(riot, "2022-01-06T09:00:00Z", figures: Figure(12));
        var figure = Figure(13);
        figure["id"] = FigureId(created);
        var body = EventStatement(march, "2022-01-06T09:00:00Z", figures: figure);
        body["eventId"] = toAnotherEvent ? march : null;
        var path = $"/api/v1/statements/{created.GetProperty("id").GetString()}";
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add((await Client.GetAsync(path)).Headers.ETag!);

        var response = await Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProblemNames(await BodyOf(response), "eventId");
    }

    [Fact]
    public async Task A_later_count_of_an_event_supersedes_that_events_earlier_count_and_nothing_else()
    {
        var riot = await CreateEventAsync();
        var march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        var toll = await StateAsync("2022-01-05T20:00:00Z", Figure(100));
        var first = await StateOnEventAsync(riot, "2022-01-06T09:00:00Z", figures: Figure(10));
        var other = await StateOnEventAsync(march, "2022-01-06T10:00:00Z", figures: Figure(5));
        await StateOnEventAsync(riot, "2022-01-07T09:00:00Z", figures: Figure(12));

        async Task<string?> StatusOf(JsonElement statement) =>
            (await GetOkAsync($"/api/v1/figures/{FigureId(statement)}")).GetProperty("status").GetString();

        Assert.Equal("superseded", await StatusOf(first));
        Assert.Equal("current", await StatusOf(other));
        Assert.Equal("current", await StatusOf(toll));
    }

    [Fact]
    public async Task An_event_that_statements_name_cannot_move_to_another_incident()
    {
        var other = (await CreateIncidentAsync("Other unrest", "other-unrest")).GetProperty("id").GetGuid();
        var riot = await CreateEventAsync();
        await StateOnEventAsync(riot, "2022-01-06T09:00:00Z");
        var path = $"/api/v1/events/{riot}";
        var get = await Client.GetAsync(path);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await get.Content.ReadAsStringAsync())!.AsObject();
        body["incidentId"] = other.ToString();
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);

        var response = await Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProblemNames(await BodyOf(response), "incidentId");
    }
}
