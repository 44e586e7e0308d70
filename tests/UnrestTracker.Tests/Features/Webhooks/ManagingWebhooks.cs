using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Webhooks;

/// <summary>The shared host: private networks are not allowed here (the default).</summary>
public sealed class ManagingWebhooks(ApiFactory api) : ApiTest(api)
{
    private HttpClient? _admin;

    private async Task<HttpClient> AdminAsync() => _admin ??= await ClientFactory.WithKeyAsync(Api, "admin", KeyScope.Admin);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "url")]
    [InlineData("http://10.0.0.1/hook", "url")]
    [InlineData("http://localhost:9/hook", "url")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "url")]
    [InlineData("ftp://example.org/hook", "url")]
    public async Task A_URL_that_is_not_http_or_reaches_a_private_network_is_a_400_naming_url(string url, string field)
    {
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/v1/webhooks", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await (await AdminAsync()).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_entities_a_malformed_secret_and_a_long_URL_are_400s_naming_them()
    {
        var admin = await AdminAsync();

        var entities = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://93.184.215.14/", entities = new[] { "source", "person" } });
        var secret = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://93.184.215.14/", secret = "whsec_short" });
        var longUrl = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://example.org/" + new string('a', 2000) });

        Assert.True((await BodyOf(entities)).GetProperty("errors").TryGetProperty("entities[1]", out _));
        Assert.True((await BodyOf(secret)).GetProperty("errors").TryGetProperty("secret", out _));
        Assert.True((await BodyOf(longUrl)).GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Webhooks_need_the_admin_scope()
    {
        var asWriter = await Client.GetAsync("/api/v1/webhooks");
        var anonymous = await ClientFactory.Anonymous(Api).GetAsync("/api/v1/webhooks");

        Assert.Equal(HttpStatusCode.Forbidden, asWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_deleted_webhook_is_gone_and_an_unknown_one_is_a_404()
    {
        var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", entities = new[] { "statement" } });
        var location = created.Headers.Location!.ToString();

        var deleted = await admin.DeleteAsync(location);
        var gone = await admin.GetAsync(location);
        var missing = await admin.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl is { NoStore: true, Private: true });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
