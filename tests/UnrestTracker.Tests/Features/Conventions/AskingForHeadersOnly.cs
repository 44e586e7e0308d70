using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary><c>curl -I</c>: every GET also answers HEAD with the GET's status and headers and no body.</summary>
public sealed class AskingForHeadersOnly(ApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("/api/v1/incidents")]
    [InlineData("/api/v1/incidents/kazakhstan-2022-01")]
    [InlineData("/api/v1/incidents/kazakhstan-2022-01/figures")]
    [InlineData("/api/v1/events?incident=kazakhstan-2022-01")]
    [InlineData("/api/v1/changes")]
    [InlineData("/api/v1")]
    [InlineData("/")]
    public async Task Head_answers_what_get_answers_without_the_body(string path)
    {
        await Api.LoadDemoAsync();

        var get = await Client.GetAsync(path);
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Headers.Contains("Link"), head.Headers.Contains("Link"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/events?format=csv", "text/csv")]
    [InlineData("/api/v1/events?format=geojson", "application/geo+json")]
    [InlineData("/api/v1/statements?format=csv", "text/csv")]
    [InlineData("/api/v1/figures?format=csv", "text/csv")]
    public async Task An_export_under_head_names_its_file_and_sends_no_rows(string path, string mediaType)
    {
        await Api.LoadDemoAsync();

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(mediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", head.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_of_an_unknown_id_is_the_gets_404_and_a_conditional_head_a_304()
    {
        await Api.LoadDemoAsync();
        var etag = (await Client.GetAsync("/api/v1/incidents/kazakhstan-2022-01")).Headers.ETag!;

        var missing = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/incidents/no-such-incident"));
        var conditional = new HttpRequestMessage(HttpMethod.Head, "/api/v1/incidents/kazakhstan-2022-01");
        conditional.Headers.IfNoneMatch.Add(etag);
        var unchanged = await Client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }
}
