using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace UnrestTracker.Tests.Support;

/// <summary>Keeps every event the API logs, for tests about what an operator's log shows.</summary>
public sealed class LogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Clear() => _events.Clear();

    /// <summary>The one-line summary of the request whose answer carried <paramref name="traceId"/>, once it is written.</summary>
    public async Task<LogEvent> RequestLineAsync(string traceId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var line = Events.FirstOrDefault(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
                && e.Properties.TryGetValue("TraceId", out var t) && t is ScalarValue { Value: string id } && id == traceId);
            if (line is not null)
            {
                return line;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"No request line with trace {traceId} was logged.");
    }
}

/// <summary>The API with its log readable by the test.</summary>
public sealed class LoggedApiFactory : ApiFactory
{
    public LogSink Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
    }
}
