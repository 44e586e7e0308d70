using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UnrestTracker.Tests.Support;

/// <summary>One POST a receiver got: its body and a copy of its headers.</summary>
public sealed record ReceivedWebhook(string Body, IHeaderDictionary Headers, DateTimeOffset At)
{
    public string Id => Headers["webhook-id"].ToString();
}

/// <summary>A webhook receiver on a loopback port (Kestrel): records what it gets, answers what <see cref="Answer"/> says for the n-th request.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status to answer the n-th request (1-based) with; 204 by default.</summary>
    public Func<int, int> Answer { get; set; } = _ => 204;

    /// <summary>When set, answers the n-th request (1-based) itself (slowly, with a redirect, a large body…) in place of <see cref="Answer"/>.</summary>
    public Func<int, HttpContext, Task>? Respond { get; set; }

    public string Url { get; private set; } = "";

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var count = 0;
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var (name, value) in http.Request.Headers)
            {
                headers[name] = value;
            }
            Received.Enqueue(new ReceivedWebhook(body, headers, DateTimeOffset.UtcNow));
            var n = Interlocked.Increment(ref count);
            if (Respond is { } respond)
            {
                await respond(n, http);
                return Results.Empty;
            }
            return Results.StatusCode(Answer(n));
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests came, and returns them in arrival order.</summary>
    public async Task<List<ReceivedWebhook>> WaitForAsync(int count, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (Received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
        Assert.True(Received.Count >= count, $"Expected {count} deliveries within {within.TotalSeconds} s, got {Received.Count}.");
        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
