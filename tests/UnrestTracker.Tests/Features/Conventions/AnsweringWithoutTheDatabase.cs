using System.Net.Http.Json;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>The API pointed at a port where no PostgreSQL listens, its cursor secret configured: nothing at start needs the database.</summary>
public sealed class NoDatabaseApiFactory : ApiFactory
{
    public NoDatabaseApiFactory()
    {
        Settings["Database:Migrate"] = "false";
        Settings["Paging:CursorSecret"] = new string('s', 32);
    }

    protected override Task<TestConnections> ConnectionsAsync()
    {
        const string nowhere = "Host=127.0.0.1;Port=1;Database=none;Username=nobody;Password=none";
        return Task.FromResult(new TestConnections(nowhere, nowhere));
    }
}

/// <summary>Whatever needs no data is answered with no database at all: proof that it never asks.</summary>
public sealed class AnsweringWithoutTheDatabase(NoDatabaseApiFactory api) : IClassFixture<NoDatabaseApiFactory>
{
    [Fact]
    public async Task An_unknown_path_is_a_404_problem_even_posted_with_a_key_and_an_idempotency_key()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", KeySecrets.NewSecret());
        client.DefaultRequestHeaders.Add("Idempotency-Key", "retry-1");

        var posted = await client.PostAsJsonAsync("/api/v1/nothing-here", new { name = "Reuters" });
        var read = await client.GetAsync("/api/v1/nothing/here/either");
        var real = await client.GetAsync("/api/v1/sources");

        Assert.Equal(404, (int)posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int)read.StatusCode);
        Assert.Equal(503, (int)real.StatusCode);
    }

    [Fact]
    public async Task The_api_document_asked_for_by_many_clients_at_once_on_a_new_host_is_served_to_each()
    {
        await using var fresh = new NoDatabaseApiFactory();
        await fresh.InitializeAsync();
        var client = fresh.CreateDefaultClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ => (int)(await client.GetAsync("/swagger/v1/swagger.json")).StatusCode));

        Assert.All(statuses, status => Assert.Equal(200, status));
    }
}
