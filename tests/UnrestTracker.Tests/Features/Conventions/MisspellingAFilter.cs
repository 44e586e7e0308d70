using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class MisspellingAFilter(ApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("/api/v1/figures?metrc=killed", "metrc")]
    [InlineData("/api/v1/events?type=riots&bbx=76,43,77,44", "bbx")]
    [InlineData("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed&as_of=2022-01-10", "as_of")]
    [InlineData("/api/v1/incidents?format=csv", "format")]
    [InlineData("/api/v1/retractions?format=csv", "format")]
    [InlineData("/api/v1/statements?format=geojson", "format")]
    [InlineData("/api/v1/figures?format=geojson", "format")]
    public async Task A_parameter_the_endpoint_does_not_take_is_a_400_naming_it(string path, string name)
    {
        await Api.LoadDemoAsync();

        var response = await Client.GetAsync(path);
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), problem.ToString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/imports/00000000-0000-0000-0000-000000000000?metric=killed", "metric")]
    [InlineData("GET", "/api/v1?q=riots", "q")]
    [InlineData("GET", "/health/live?verbose=1", "verbose")]
    [InlineData("GET", "/health/ready?recordedAsOf=2022-01-01", "recordedAsOf")]
    [InlineData("GET", "/?incidnet=kazakhstan-2022-01", "incidnet")]
    [InlineData("POST", "/api/v1/incidents?slug=fuel", "slug")]
    [InlineData("PUT", "/api/v1/incidents/kazakhstan-2022-01?version=3", "version")]
    [InlineData("POST", "/api/v1/statements/00000000-0000-0000-0000-000000000000/retraction?by=x", "by")]
    public async Task An_endpoint_that_takes_no_parameter_is_checked_too(string method, string path, string name)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), problem.ToString());
    }

    [Fact]
    public async Task Single_resources_and_the_page_still_take_both_clocks()
    {
        await Api.LoadDemoAsync();
        var statement = (await GetOkAsync("/api/v1/statements?limit=1")).GetProperty("items")[0];
        var (id, figure) = (statement.GetProperty("id").GetString(), statement.GetProperty("figures")[0].GetProperty("id").GetString());
        var eventId = (await GetOkAsync("/api/v1/events?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();

        foreach (var path in new[] { $"/api/v1/statements/{id}", $"/api/v1/statements/{id}/versions", $"/api/v1/figures/{figure}",
            $"/api/v1/events/{eventId}", $"/api/v1/events/{eventId}/versions", "/?incident=kazakhstan-2022-01" })
        {
            var response = await Client.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}asOf=2100-01-01&recordedAsOf=2100-01-01");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_read_still_takes_recordedAsOf_and_the_documented_filters()
    {
        await Api.LoadDemoAsync();

        var response = await Client.GetAsync("/api/v1/figures?incident=kazakhstan-2022-01&metric=killed&asOf=2022-01-10&recordedAsOf=2100-01-01&limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
