using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Changes;

/// <summary>Two streams in all, one of them kept for key holders, and a keep-alive every second.</summary>
public sealed class SmallStreamsApiFactory : ApiFactory
{
    public SmallStreamsApiFactory()
    {
        Settings["Streams:MaxTotal"] = "2";
        Settings["Streams:ReservedForKeys"] = "1";
        Settings["Streams:KeepAliveSeconds"] = "1";
    }
}

public sealed class LimitingStreams(SmallStreamsApiFactory api) : IClassFixture<SmallStreamsApiFactory>, IAsyncLifetime
{
    private const string Stream = "/api/v1/changes/stream";

    public async Task InitializeAsync() => await api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_streams_kept_for_key_holders_are_not_given_to_anonymous_clients()
    {
        await using var first = await EventStream.OpenAsync(ClientFactory.Anonymous(api), Stream);
        await using var second = await EventStream.OpenAsync(ClientFactory.Anonymous(api), Stream);
        await using var keyed = await EventStream.OpenAsync(await ClientFactory.WithKeyAsync(api, "dashboard", KeyScope.Read), Stream);

        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.Response.StatusCode);
    }

    [Fact]
    public async Task An_idle_stream_sends_retry_and_a_comment_line_to_keep_the_connection()
    {
        await using var stream = await EventStream.OpenAsync(ClientFactory.Anonymous(api), Stream);
        await stream.NextBlockAsync(TimeSpan.FromSeconds(1));

        var idle = await stream.NextBlockAsync(TimeSpan.FromSeconds(3));

        Assert.Null(idle.Type);
        Assert.NotEmpty(idle.Comments);
    }

    [Fact]
    public async Task Shutting_down_ends_open_streams_cleanly()
    {
        await using var own = new ApiFactory();
        await own.InitializeAsync();
        await using var stream = await EventStream.OpenAsync(own.CreateClient(), Stream);
        await stream.NextBlockAsync(TimeSpan.FromSeconds(1));

        var stopping = own.Services.GetRequiredService<IHostApplicationLifetime>();
        stopping.StopApplication();
        var ended = await Record.ExceptionAsync(() => stream.NextBlockAsync(TimeSpan.FromSeconds(5)));

        Assert.IsType<EndOfStreamException>(ended);
    }
}
