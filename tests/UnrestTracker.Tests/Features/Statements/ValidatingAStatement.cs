using System.Net;
using System.Net.Http.Json;
using System.Text;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Every rule is a 400 naming the field by its JSON path.</summary>
public sealed class ValidatingAStatement(ApiFactory api) : ClaimsTest(api)
{
    private async Task AssertRejectedAsync(object body, string path)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/statements", body);
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"Expected an error for {path}: {problem}");
        Assert.Empty((await GetOkAsync("/api/v1/statements")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("qualifier", "range", "figures[0].low")]
    [InlineData("value", null, "figures[0].value")]
    [InlineData("value", -1, "figures[0].value")]
    [InlineData("unit", "persons", "figures[0].unit")]
    [InlineData("unit", null, "figures[0].unit")]
    [InlineData("subject", "Children", "figures[0].subject")]
    [InlineData("metric", null, "figures[0].metric")]
    [InlineData("qualifier", null, "figures[0].qualifier")]
    public async Task A_figure_field_breaking_its_rule_is_named(string field, object? value, string path)
    {
        var figure = Figure();
        figure[field] = value;

        await AssertRejectedAsync(Statement(figures: figure), path);
    }

    [Fact]
    public async Task A_range_needs_high_as_well_as_low()
    {
        var figure = Figure(value: null, qualifier: "range");
        figure["low"] = 100;

        await AssertRejectedAsync(Statement(figures: figure), "figures[0].high");
    }

    [Theory]
    [InlineData(300, 200, 250, "figures[0].low")]
    [InlineData(100, 200, 250, "figures[0].value")]
    [InlineData(100, 200, 50, "figures[0].value")]
    public async Task Low_value_and_high_must_be_in_order(int low, int high, int value, string path)
    {
        var figure = Figure(value: value, qualifier: "range");
        figure["low"] = low;
        figure["high"] = high;

        await AssertRejectedAsync(Statement(figures: figure), path);
    }

    [Theory]
    [InlineData("economic_loss", "usd")]
    [InlineData("economic_loss", "people")]
    [InlineData("property_damaged", "Buildings")]
    [InlineData("other", "building")]
    [InlineData("detained", "buildings")]
    public async Task The_unit_must_fit_the_metric(string metric, string unit)
    {
        await AssertRejectedAsync(Statement(figures: Figure(metric: metric, unit: unit)), "figures[0].unit");
    }

    [Theory]
    [InlineData("economic_loss", "KZT")]
    [InlineData("property_damaged", "buildings")]
    [InlineData("other", "vehicles")]
    public async Task A_unit_that_fits_the_metric_is_accepted(string metric, string unit)
    {
        var created = await StateAsync(figures: Figure(metric: metric, unit: unit));

        Assert.Equal(unit, created.GetProperty("figures")[0].GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_scope_country_must_be_iso_alpha_2()
    {
        var figure = Figure();
        figure["scope"] = new { country = "kz", place = "Almaty" };

        await AssertRejectedAsync(Statement(figures: figure), "figures[0].scope.country");
    }

    [Theory]
    [InlineData("incidentId", "0198c1a0-0000-7000-8000-000000000000")]
    [InlineData("sourceId", "0198c1a0-0000-7000-8000-000000000000")]
    [InlineData("eventId", "0198c1a0-0000-7000-8000-000000000000")]
    [InlineData("statedAt", null)]
    [InlineData("summary", " ")]
    [InlineData("url", "ftp://example.org/post")]
    [InlineData("language", "English")]
    public async Task A_statement_field_breaking_its_rule_is_named(string field, string? value)
    {
        var body = Statement();
        body[field] = value;

        await AssertRejectedAsync(body, field);
    }

    [Fact]
    public async Task An_external_ref_needs_a_system()
    {
        var body = Statement();
        body["externalRefs"] = new[] { new { id = "KAZ2811" } };

        await AssertRejectedAsync(body, "externalRefs[0].system");
    }

    [Theory]
    [InlineData("""{"metric":"killed","qualifier":"exact","value":1,"unit":"people","colour":"red"}""", "figures[0].colour")]
    [InlineData("""{"metric":1,"qualifier":"exact","value":1,"unit":"people"}""", "figures[0].metric")]
    [InlineData("""{"metric":"wounded","qualifier":"exact","value":1,"unit":"people"}""", "figures[0].metric")]
    public async Task Unknown_members_and_enum_values_are_400s(string figureJson, string path)
    {
        var json = $$"""{"incidentId":"{{IncidentId}}","sourceId":"{{SourceId}}","statedAt":"2022-01-10T09:00:00Z","summary":"s","figures":[{{figureJson}}]}""";

        var response = await Client.PostAsync("/api/v1/statements", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(path, (await BodyOf(response)).GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supersedes_must_name_a_figure_of_the_same_incident_and_metric()
    {
        var earlier = await StateAsync();
        var wrongMetric = Figure(metric: "injured");
        wrongMetric["supersedes"] = FigureId(earlier);
        var unknown = Figure();
        unknown["supersedes"] = Guid.NewGuid();

        var response = await Client.PostAsJsonAsync("/api/v1/statements", Statement(figures: [wrongMetric, unknown]));
        var errors = (await BodyOf(response)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("figures[0].supersedes", out _));
        Assert.True(errors.TryGetProperty("figures[1].supersedes", out _));
    }

    [Fact]
    public async Task A_statement_holds_at_most_200_figures()
    {
        var figures = Enumerable.Range(0, 201).Select(_ => Figure()).ToArray();

        await AssertRejectedAsync(Statement(figures: figures), "figures");
    }
}
