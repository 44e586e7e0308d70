using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>Every bad input is a 400 problem naming the parameter, and nothing is computed.</summary>
public sealed class AskingForStatsBadly(ApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("stats/events", "interval")]
    [InlineData("stats/events?interval=hour", "interval")]
    [InlineData("stats/events?interval=day&groupBy=type,colour", "groupBy")]
    [InlineData("stats/events?interval=day&groupBy=type,type", "groupBy")]
    [InlineData("stats/events?interval=year&groupBy=type,subType,country,admin1", "groupBy")]
    [InlineData("stats/events?interval=day&from=1990-01-01&to=2022-01-01", "interval,groupBy")]
    [InlineData("stats/events?interval=day&from=2022-02-01&to=2022-01-01", "from")]
    [InlineData("stats/events?interval=day&from=2022-01-01T12:00:00Z", "from")]
    [InlineData("stats/events?interval=day&to=2022-01-01T00:00Z", "to")]
    [InlineData("stats/events?interval=day&baseline=0", "baseline")]
    [InlineData("stats/events?interval=day&baseline=105", "baseline")]
    [InlineData("stats/events?interval=day&shape=wide", "shape")]
    [InlineData("stats/events?interval=month&weekStart=saturday", "weekStart")]
    [InlineData("stats/figures?interval=day", "metric")]
    [InlineData("stats/figures?interval=day&metric=killed&unit=USD", "unit")]
    [InlineData("stats/figures?interval=day&metric=economic_loss", "unit")]
    [InlineData("stats/figures?interval=day&metric=killed&subject=side_a", "subject")]
    [InlineData("stats/figures?interval=day&metric=killed&groupBy=source", "groupBy")]
    [InlineData("incidents/kazakhstan-2022-01/figures/over-time?metric=killed", "interval")]
    [InlineData("incidents/kazakhstan-2022-01/figures/over-time?interval=day", "metric")]
    [InlineData("incidents/kazakhstan-2022-01/figures/over-time?metric=killed&interval=day&asOf=2022-01-10", "asOf")]
    [InlineData("incidents/kazakhstan-2022-01/figures/over-time?metric=killed&interval=day&groupBy=type", "groupBy")]
    [InlineData("incidents/kazakhstan-2022-01/figures/over-time?metric=killed&interval=day&baseline=2", "baseline")]
    public async Task A_bad_parameter_is_a_400_naming_it(string path, string names)
    {
        var response = await Client.GetAsync($"/api/v1/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await BodyOf(response)).GetProperty("errors");
        Assert.All(names.Split(','), name => Assert.True(errors.TryGetProperty(name, out _), $"{path}: {errors}"));
    }

    [Theory]
    [InlineData("stats/events?incident=nowhere&interval=day&groupBy=type&from=1990-01-01&to=2022-01-01", "interval,groupBy")]
    [InlineData("stats/figures?incident=nowhere&metric=killed&interval=day&from=1990-01-01&to=2022-01-01", "interval,groupBy")]
    [InlineData("incidents/nowhere/figures/over-time?metric=killed&interval=day&from=1990-01-01&to=2022-01-01", "interval")]
    public async Task More_than_ten_thousand_buckets_is_a_400_before_anything_is_read_even_the_incident(string path, string names)
    {
        var response = await Client.GetAsync($"/api/v1/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await BodyOf(response)).GetProperty("errors");
        Assert.All(names.Split(','), name => Assert.True(errors.TryGetProperty(name, out _), $"{path}: {errors}"));
    }

    [Fact]
    public async Task Groups_beyond_ten_thousand_cells_are_a_400_found_while_reading()
    {
        await Api.LoadDemoAsync();

        var response = await Client.GetAsync("/api/v1/stats/events?interval=day&groupBy=type&from=2010-01-01&to=2022-01-31");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await BodyOf(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("interval", out _) && errors.TryGetProperty("groupBy", out _), errors.ToString());
    }
}
