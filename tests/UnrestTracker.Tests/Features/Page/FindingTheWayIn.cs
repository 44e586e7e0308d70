using System.Net;
using System.Net.Http.Headers;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Page;

/// <summary>Someone arrives at the root: a browser gets the page, a script an index of links.</summary>
public sealed class FindingTheWayIn(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task A_browser_asking_for_html_gets_the_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?incident=kazakhstan-2022-01");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/page/app.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    public async Task Anyone_else_gets_a_json_index_of_links(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));

        var body = await BodyOf(await Client.SendAsync(request));

        var links = body.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString());
        Assert.Equal("/swagger", links["swagger-ui"]);
        Assert.Equal("/swagger/v1/swagger.json", links["openapi"]);
        Assert.Equal("/api/v1/incidents", links["incidents"]);
        Assert.Equal("/", links["page"]);
    }

    [Fact]
    public async Task The_api_root_is_an_index_too_and_api_points_at_it()
    {
        var index = await GetOkAsync("/api/v1");
        var links = index.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()).ToList();
        Assert.Contains("/api/v1/figures", links);
        Assert.Contains("/swagger", links);
        Assert.Contains("/swagger/v1/swagger.json", links);

        var redirect = await Api.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api/v1", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_pages_scripts_are_served_from_this_host()
    {
        var script = await Client.GetAsync("/page/app.js");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/?incident=kazakhstan-2022-01")]
    [InlineData("/swagger/index.html")]
    public async Task The_page_and_swagger_ui_run_only_this_hosts_own_scripts_and_cannot_be_framed(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.DoesNotContain(policy.Values, v => v.Contains("unsafe", StringComparison.Ordinal) || v.Contains('*', StringComparison.Ordinal));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task No_answer_is_sniffed_into_another_type_errors_included()
    {
        var missing = await Client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("nosniff", Assert.Single(missing.Headers.GetValues("X-Content-Type-Options")));
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
