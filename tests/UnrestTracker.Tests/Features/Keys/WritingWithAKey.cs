using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Keys;

public sealed class WritingWithAKey(ApiFactory api) : ApiTest(api)
{
    private static readonly object NewSource = new { name = "Amnesty International", kind = "ngo" };

    [Fact]
    public async Task A_write_without_a_key_is_a_401_problem_with_a_challenge()
    {
        var response = await ClientFactory.Anonymous(Api).PostAsJsonAsync("/api/v1/sources", NewSource);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(0, await Api.WithDbAsync(db => db.SourceVersions.CountAsync()));
    }

    [Fact]
    public async Task A_read_with_an_unknown_key_is_a_401()
    {
        var client = ClientFactory.Anonymous(Api);
        client.DefaultRequestHeaders.Add("X-Api-Key", "ut_not-a-key-anyone-was-given");

        var response = await client.GetAsync("/api/v1/incidents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_with_a_revoked_key_is_a_401()
    {
        var client = await ClientFactory.WithKeyAsync(Api, "retired", KeyScope.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/incidents")).StatusCode);
        await Api.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "retired").ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow)));

        var response = await client.GetAsync("/api/v1/incidents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_write_with_a_read_key_is_a_403_problem()
    {
        var reader = await ClientFactory.WithKeyAsync(Api, "reader", KeyScope.Read);

        var response = await reader.PostAsJsonAsync("/api/v1/sources", NewSource);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/sources")).StatusCode);
    }

    [Fact]
    public async Task A_write_with_a_write_key_in_x_api_key_records_the_key_name_in_versions_and_changes()
    {
        var client = ClientFactory.Anonymous(Api);
        client.DefaultRequestHeaders.Add("X-Api-Key", await ClientFactory.IssueAsync(Api, "newsroom-bot", KeyScope.Write));

        var response = await client.PostAsJsonAsync("/api/v1/sources", NewSource);
        var id = (await BodyOf(response)).GetProperty("id").GetString();
        var versions = await GetOkAsync($"/api/v1/sources/{id}/versions");
        var change = await Api.WithDbAsync(db => db.Changes.SingleAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("newsroom-bot", Assert.Single(versions.GetProperty("items").EnumerateArray()).GetProperty("recordedBy").GetString());
        Assert.Equal("newsroom-bot", change.By);
    }

    [Fact]
    public async Task An_admin_key_includes_the_write_scope()
    {
        var admin = await ClientFactory.WithKeyAsync(Api, "editor-in-chief", KeyScope.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/sources", NewSource);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Reads_stay_anonymous()
    {
        var response = await ClientFactory.Anonymous(Api).GetAsync("/api/v1/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        var client = ClientFactory.Anonymous(Api);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ClientFactory.IssueAsync(Api, "dashboard", KeyScope.Read));

        await client.GetAsync("/api/v1/incidents");

        var key = await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "dashboard"));
        Assert.NotNull(key.LastUsedAt);
    }
}
