using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class CallingFromABrowser(ApiFactory api) : ApiTest(api)
{
    private const string Page = "https://dashboard.example.org";

    [Fact]
    public async Task A_read_from_any_origin_is_allowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents");
        request.Headers.Add("Origin", Page);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_preflight_for_a_write_is_not_allowed_by_default()
    {
        var response = await Client.SendAsync(Preflight("POST"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_for_a_read_is_allowed()
    {
        var response = await Client.SendAsync(Preflight("GET"));

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_write_sent_from_a_page_gets_no_allow_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources") { Content = JsonContent.Create(new { name = "Reuters", kind = "media" }) };
        request.Headers.Add("Origin", Page);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sources");
        request.Headers.Add("Origin", Page);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        return request;
    }
}

public sealed class TrustedWriteOriginsApiFactory : ApiFactory
{
    public const string Newsroom = "https://newsroom.example.org";

    public TrustedWriteOriginsApiFactory() => Settings["Cors:WriteOrigins:0"] = Newsroom;
}

public sealed class CallingFromATrustedNewsroomPage(TrustedWriteOriginsApiFactory api) : IClassFixture<TrustedWriteOriginsApiFactory>
{
    [Fact]
    public async Task A_listed_origin_may_send_writes()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sources");
        request.Headers.Add("Origin", TrustedWriteOriginsApiFactory.Newsroom);
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(TrustedWriteOriginsApiFactory.Newsroom, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
