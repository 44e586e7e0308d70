using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>One time-travel read at a time (a second to wait for it), and a two-second deadline per read.</summary>
public sealed class OneTimeTravelApiFactory : ApiFactory
{
    public OneTimeTravelApiFactory()
    {
        Settings["Reads:MaxTimeTravel"] = "1";
        Settings["Database:RequestTimeoutSeconds"] = "2";
    }
}

/// <summary>
/// A read of another moment is computed for its request alone: each distinct asOf costs its own work, so how many run at once is
/// capped (a short wait for a slot, then 429), and a read that outlives its deadline is a 503 for that request only, the pool's connections kept.
/// </summary>
public sealed class ReadingOtherMomentsUnderLoad(OneTimeTravelApiFactory api) : IClassFixture<OneTimeTravelApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() => await api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_time_travel_read_beyond_the_cap_is_a_429_with_retry_after_and_one_past_its_deadline_a_503_that_keeps_the_pool()
    {
        var reader = ClientFactory.Anonymous(api);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => reader.GetAsync("/api/v1/figures?limit=1")));
        var idleBefore = await DatabaseLoad.IdleApiConnectionsAsync(api);

        HttpResponseMessage refused, late;
        await using (await DatabaseLoad.LockAsync(api, "figure_versions"))
        {
            var running = reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000001Z");
            await DatabaseLoad.WaitForLockWaitersAsync(api, 1);
            refused = await reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000002Z");
            late = await running;
        }
        var after = await reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000003Z");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        Assert.Contains("deadline", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEmpty(idleBefore);
        Assert.Subset((await DatabaseLoad.IdleApiConnectionsAsync(api)).ToHashSet(), idleBefore.ToHashSet());
    }

    [Fact]
    public async Task A_time_travel_read_that_finds_the_slot_taken_waits_for_it_and_answers()
    {
        var reader = ClientFactory.Anonymous(api);
        Task<HttpResponseMessage> running, queued;
        await using (await DatabaseLoad.LockAsync(api, "figure_versions"))
        {
            running = reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000005Z");
            await DatabaseLoad.WaitForLockWaitersAsync(api, 1);
            queued = reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000006Z");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/stats/figures?metric=killed&interval=week&format=csv&asOf=2099-01-01T00:00:00Z", null)]
    [InlineData("/api/v1/figures?status=current&limit=1", "Sun, 09 Jan 2022 14:00:00 GMT")]
    public async Task A_past_moment_asked_as_a_csv_of_sums_or_by_accept_datetime_counts_against_the_same_cap(string url, string? acceptDatetime)
    {
        var reader = ClientFactory.Anonymous(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptDatetime is not null)
        {
            request.Headers.Add("Accept-Datetime", acceptDatetime);
        }

        HttpResponseMessage refused;
        await using (await DatabaseLoad.LockAsync(api, "figure_versions"))
        {
            var running = reader.GetAsync("/api/v1/figures?status=current&limit=1&asOf=2099-01-01T00:00:00.000004Z");
            await DatabaseLoad.WaitForLockWaitersAsync(api, 1);
            refused = await reader.SendAsync(request);
            await running;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
