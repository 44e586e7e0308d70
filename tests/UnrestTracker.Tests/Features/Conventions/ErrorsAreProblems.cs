using System.Net;
using System.Net.Http.Json;
using System.Text;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class ErrorsAreProblems(ApiFactory api) : ApiTest(api)
{
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        var body = await BodyOf(response);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem() =>
        await AssertProblem(await Client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here", "text/event-stream", 404)]
    [InlineData("GET", "/api/v1/nothing-here", "text/csv", 404)]
    [InlineData("GET", "/api/v1/nothing-here", "application/atom+xml", 404)]
    [InlineData("GET", "/api/v1/nothing-here", "image/png", 404)]
    [InlineData("GET", "/api/v1/nothing-here", "*/*", 404)]
    [InlineData("DELETE", "/api/v1/incidents", "text/event-stream", 405)]
    [InlineData("DELETE", "/api/v1/incidents", "image/png", 405)]
    [InlineData("GET", "/api/v1/sources/not-an-id", "text/csv", 404)]
    public async Task An_error_is_a_problem_whatever_the_client_accepts(string method, string path, string accept, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await AssertProblem(await Client.SendAsync(request), (HttpStatusCode)status);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem() =>
        await AssertProblem(await Client.GetAsync($"/api/v1/sources/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_wrong_method_is_a_405_problem() =>
        await AssertProblem(await Client.DeleteAsync("/api/v1/incidents"), HttpStatusCode.MethodNotAllowed);

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem() =>
        await AssertProblem(await Client.PostAsync("/api/v1/sources", new StringContent("name=x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task Malformed_json_is_a_400_problem() =>
        await AssertProblem(await Client.PostAsync("/api/v1/sources", new StringContent("{\"name\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

    [Fact]
    public async Task An_unknown_member_is_a_400_that_names_it()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/sources", new { name = "Reuters", kind = "media", nmae = "typo" });

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("nmae", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integer_enum_is_a_400_keyed_by_its_path()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/sources", new { name = "Reuters", kind = 6 });

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400_keyed_by_its_path()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/sources", new { kind = "media" });

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Theory]
    [InlineData("{\"title\":\"t\",\"summary\":\"s\",\"startDate\":\"2022-01-01\",\"countries\":[null]}", "countries[0]")]
    [InlineData("{\"Title\":\"t\",\"summary\":\"s\",\"startDate\":\"2022-01-01\"}", "Title")]
    [InlineData("{\"title\":\"t\",\"title\":\"u\",\"summary\":\"s\",\"startDate\":\"2022-01-01\"}", "title")]
    [InlineData("{\"title\":\"t\",\"summary\":\"s\",\"startDate\":\"2022-13-01\"}", "startDate")]
    [InlineData("[]", "body")]
    public async Task A_malformed_body_is_a_400_keyed_by_the_offending_path(string body, string path)
    {
        var response = await Client.PostAsync("/api/v1/incidents", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(path, out _));
        Assert.Empty((await GetOkAsync("/api/v1/incidents")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("from=2022-02-01&to=2022-01-01")]
    [InlineData("from=yesterday")]
    [InlineData("recordedAsOf=2022-13-01")]
    [InlineData("country=kz")]
    public async Task Bad_list_parameters_are_400_problems(string query) =>
        await AssertProblem(await Client.GetAsync($"/api/v1/incidents?{query}"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task An_unknown_kind_filter_is_a_400_listing_the_kinds()
    {
        var response = await Client.GetAsync("/api/v1/sources?kind=army");

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("security_forces", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
