using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Keys;

/// <summary>Runs the built API as an operator would, so stdout is checked for real.</summary>
public sealed class ManagingKeysFromTheCommandLine(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Create_prints_only_the_key_and_stores_only_its_hash()
    {
        var (exit, stdout, _) = await RunAsync("keys", "create", "--name", "analyst", "--scope", "write");

        Assert.Equal(0, exit);
        var secret = stdout.TrimEnd('\n');
        Assert.Matches("^ut_[A-Za-z0-9_-]{43}$", secret);
        var stored = await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "analyst"));
        Assert.Equal(KeySecrets.Hash(secret), stored.Hash);
        Assert.Equal(KeyScope.Write, stored.Scope);
    }

    [Fact]
    public async Task A_created_key_authorises_writes_over_http()
    {
        var (_, stdout, _) = await RunAsync("keys", "create", "--name", "desk", "--scope", "admin");
        var client = ClientFactory.Anonymous(Api);
        client.DefaultRequestHeaders.Add("X-Api-Key", stdout.Trim());

        var response = await client.PostAsJsonAsync("/api/v1/sources", new { name = "Reuters", kind = "media" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task List_shows_names_and_scopes_but_never_a_key()
    {
        var secret = await ClientFactory.IssueAsync(Api, "archive-reader", KeyScope.Read);

        var (exit, stdout, _) = await RunAsync("keys", "list");

        Assert.Equal(0, exit);
        Assert.Contains("archive-reader\tread\t", stdout, StringComparison.Ordinal);
        Assert.Contains($"{ClientFactory.WriterKeyName}\twrite\t", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_turns_the_key_away_with_a_401()
    {
        var client = await ClientFactory.WithKeyAsync(Api, "leaked", KeyScope.Write);

        var (exit, _, _) = await RunAsync("keys", "revoke", "leaked");

        Assert.Equal(0, exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sources")).StatusCode);
    }

    [Theory]
    [InlineData("keys", "create", "--name", "x")]
    [InlineData("keys", "create", "--name", "x", "--scope", "owner")]
    [InlineData("keys", "delete", "x")]
    [InlineData("keys", "revoke", "nobody")]
    public async Task Bad_usage_explains_itself_on_stderr_and_exits_non_zero(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        var seen = $"exit {exit}, stdout '{stdout}', stderr '{stderr}'";
        Assert.True(exit != 0, seen);
        Assert.True(stdout.Length == 0, seen);
        Assert.True(stderr.Contains("error: ", StringComparison.Ordinal), seen);
    }

    [Fact]
    public async Task A_name_is_given_out_once()
    {
        var (exit, stdout, stderr) = await RunAsync("keys", "create", "--name", ClientFactory.WriterKeyName, "--scope", "read");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        OperatorCommand.RunAsync(Api, args);
}
