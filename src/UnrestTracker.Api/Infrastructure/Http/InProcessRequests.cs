using Microsoft.AspNetCore.Http.Features;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Runs a <c>GET</c> through this application's own pipeline (routing, limits, read routing, the endpoint), in memory
/// and in a scope of its own: never a network request. What <c>/cite</c> uses to see what a URL answers.
/// </summary>
public sealed class InProcessRequests(IServiceScopeFactory scopes)
{
    private RequestDelegate? _pipeline;

    internal RequestDelegate Capture(RequestDelegate next) => _pipeline = next;

    /// <summary>An anonymous GET of <paramref name="path"/> from the caller's address, to the host it asked; the finished context.</summary>
    public async Task<(HttpContext Answer, byte[] Body)> GetAsync(HttpContext caller, PathString path, QueryString query)
    {
        var pipeline = _pipeline ?? throw new InvalidOperationException("UseInProcessRequests was not called.");
        var request = new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = caller.Request.Scheme,
            Protocol = "HTTP/1.1",
            PathBase = caller.Request.PathBase,
            Path = path,
            QueryString = query.Value ?? "",
            RawTarget = $"{caller.Request.PathBase}{path}{query}",
        };
        request.Headers.Host = caller.Request.Host.Value;
        request.Headers.Accept = "application/json";
        var body = new MemoryStream();
        var response = new Response();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = caller.RequestAborted });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            RemoteIpAddress = caller.Connection.RemoteIpAddress,
            LocalIpAddress = caller.Connection.LocalIpAddress,
            LocalPort = caller.Connection.LocalPort,
            ConnectionId = caller.Connection.Id,
        });
        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider };
        await pipeline(http);
        await response.StartAsync();
        await http.Response.CompleteAsync();
        return (http, body.ToArray());
    }

    /// <summary>Headers set by OnStarting callbacks count: they run once the endpoint is done, as a server would before sending.</summary>
    private sealed class Response : HttpResponseFeature
    {
        private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Push((callback, state));

        public override void OnCompleted(Func<object, Task> callback, object state)
        {
        }

        public async Task StartAsync()
        {
            while (_starting.TryPop(out var next))
            {
                await next.Callback(next.State);
            }
        }
    }
}

public static class InProcessRequestsSetup
{
    public static IServiceCollection AddInProcessRequests(this IServiceCollection services) => services.AddSingleton<InProcessRequests>();

    /// <summary>First in the pipeline, so that a request run in process passes every middleware a client's does.</summary>
    public static WebApplication UseInProcessRequests(this WebApplication app)
    {
        var runner = app.Services.GetRequiredService<InProcessRequests>();
        app.Use(runner.Capture);
        return app;
    }
}
