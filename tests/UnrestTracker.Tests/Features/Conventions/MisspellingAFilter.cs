using System.Net;
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

    [Fact]
    public async Task Every_read_still_takes_recordedAsOf_and_the_documented_filters()
    {
        await Api.LoadDemoAsync();

        var response = await Client.GetAsync("/api/v1/figures?incident=kazakhstan-2022-01&metric=killed&asOf=2022-01-10&recordedAsOf=2100-01-01&limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
