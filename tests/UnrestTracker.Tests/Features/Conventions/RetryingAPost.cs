using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class RetryingAPost(ApiFactory api) : ApiTest(api)
{
    private static readonly object Incident = new { title = "Fuel protests", summary = "Protests over fuel prices.", countries = new[] { "KZ" }, startDate = "2022-01-02" };

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_nothing()
    {
        var first = await PostAsync("retry-1", Incident);
        var retry = await PostAsync("retry-1", Incident);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await IncidentCountAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_problem()
    {
        await PostAsync("retry-2", Incident);

        var response = await PostAsync("retry-2", new { title = "Other", summary = "Other.", countries = new[] { "KZ" }, startDate = "2022-01-02" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await IncidentCountAsync());
    }

    [Fact]
    public async Task Two_concurrent_posts_with_one_key_create_exactly_one_resource()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync("race", Incident)));

        Assert.Equal(1, await IncidentCountAsync());
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}"));
        Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location).Distinct());
    }

    [Fact]
    public async Task A_rejected_request_stores_nothing_and_frees_its_key()
    {
        var rejected = await PostAsync("fix-and-retry", new { title = "", summary = "x", countries = new[] { "KZ" }, startDate = "2022-01-02" });
        var stored = await Api.WithDbAsync(db => db.IdempotencyRecords.CountAsync());

        var corrected = await PostAsync("fix-and-retry", Incident);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(0, stored);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_a_400_problem()
    {
        var accepted = await PostAsync(new string('k', 255), Incident);
        var refused = await PostAsync(new string('k', 256), Incident);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await IncidentCountAsync());
    }

    [Fact]
    public async Task Another_client_using_the_same_key_gets_its_own_answer()
    {
        await PostAsync("shared-name", Incident);
        var other = await ClientFactory.WithKeyAsync(Api, "other-desk", KeyScope.Write);

        var response = await other.SendAsync(Request("shared-name", Incident));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, await IncidentCountAsync());
    }

    [Fact]
    public async Task An_expired_key_is_ignored()
    {
        await PostAsync("old", Incident);
        await Api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE idempotency_records SET created_at = now() - interval '25 hours'"));

        var response = await PostAsync("old", Incident);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, await IncidentCountAsync());
    }

    private Task<HttpResponseMessage> PostAsync(string key, object body) => Client.SendAsync(Request(key, body));

    private static HttpRequestMessage Request(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<int> IncidentCountAsync() => Api.WithDbAsync(db => db.IncidentVersions.Select(v => v.Id).Distinct().CountAsync());
}
