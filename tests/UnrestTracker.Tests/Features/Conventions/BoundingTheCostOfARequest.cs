using System.Net;
using Microsoft.AspNetCore.Http;
using Npgsql;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>A one-second statement timeout and room for two exports, one per client, one of them kept for keys.</summary>
public sealed class TightBudgetApiFactory : ApiFactory
{
    public TightBudgetApiFactory()
    {
        Settings["Database:StatementTimeoutSeconds"] = "1";
        Settings["Exports:MaxConcurrent"] = "2";
        Settings["Exports:MaxConcurrentPerClient"] = "1";
    }
}

public sealed class BoundingTheCostOfARequest(TightBudgetApiFactory api) : IClassFixture<TightBudgetApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() => await api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<NpgsqlConnection> LockAsync(string table) => DatabaseLoad.LockAsync(api, table);

    private Task<List<int>> IdleApiConnectionsAsync() => DatabaseLoad.IdleApiConnectionsAsync(api);

    private Task WaitForLockWaitersAsync(int count) => DatabaseLoad.WaitForLockWaitersAsync(api, count);

    [Fact]
    public async Task A_query_past_the_statement_timeout_is_a_503_saying_it_was_too_expensive_and_other_connections_stay_open()
    {
        var reader = ClientFactory.Anonymous(api);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => reader.GetAsync("/api/v1/incidents")));
        var idleBefore = await IdleApiConnectionsAsync();

        HttpResponseMessage response;
        await using (await LockAsync("source_versions"))
        {
            response = await reader.GetAsync("/api/v1/sources");
        }

        Assert.Equal(503, (int)response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("too expensive", body, StringComparison.Ordinal);
        Assert.NotEmpty(idleBefore);
        Assert.Subset((await IdleApiConnectionsAsync()).ToHashSet(), idleBefore.ToHashSet());
    }

    [Fact]
    public async Task Exports_beyond_one_per_client_or_two_in_all_are_429_with_retry_after_until_one_ends()
    {
        var first = await ClientFactory.WithKeyAsync(api, "first", KeyScope.Read);
        var other = await ClientFactory.WithKeyAsync(api, "other", KeyScope.Read);
        var anonymous = ClientFactory.Anonymous(api);
        const string export = "/api/v1/events?format=csv";

        HttpResponseMessage again, third;
        Task<HttpResponseMessage> running, second;
        await using (await LockAsync("event_versions"))
        {
            running = first.GetAsync(export);
            await WaitForLockWaitersAsync(1);
            again = await first.GetAsync(export);
            second = anonymous.GetAsync(export);
            await WaitForLockWaitersAsync(2);
            third = await other.GetAsync(export);
        }

        Assert.Equal(429, (int)again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(again.Headers.RetryAfter);
        Assert.Equal(429, (int)third.StatusCode);
        Assert.Equal(200, (int)(await running).StatusCode);
        Assert.Equal(200, (int)(await second).StatusCode);
        Assert.Equal(200, (int)(await first.GetAsync(export)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_from_other_networks_leave_an_export_slot_to_keys()
    {
        var keyed = await ClientFactory.WithKeyAsync(api, "keyed", KeyScope.Read);
        const string export = "/api/v1/events?format=csv";

        HttpContext second;
        Task<HttpContext> first;
        Task<HttpResponseMessage> withKey;
        await using (await LockAsync("event_versions"))
        {
            first = ExportFromAsync(IPAddress.Parse("198.51.100.1"));
            await WaitForLockWaitersAsync(1);
            second = await ExportFromAsync(IPAddress.Parse("2001:db8::1"));
            withKey = keyed.GetAsync(export);
            await WaitForLockWaitersAsync(2);
        }

        Assert.Equal(429, second.Response.StatusCode);
        Assert.Equal(200, (await first).Response.StatusCode);
        Assert.Equal(200, (int)(await withKey).StatusCode);
    }

    private Task<HttpContext> ExportFromAsync(IPAddress from) => api.Server.SendAsync(c =>
    {
        c.Request.Method = "GET";
        c.Request.Path = "/api/v1/events";
        c.Request.QueryString = new QueryString("?format=csv");
        c.Connection.RemoteIpAddress = from;
    });
}
