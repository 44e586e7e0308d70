using System.Text.Json;
using System.Threading.Channels;

namespace UnrestTracker.Tests.Support;

/// <summary>One Server-Sent Event as a client sees it: its id, its type, its data, and the comments before it.</summary>
public sealed record ServerSentEvent(string? Id, string? Type, string Data, IReadOnlyList<string> Comments)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>
/// Reads a text/event-stream response block by block (a block ends with an empty line), each wait with a deadline. One
/// reader runs for the life of the stream, so a wait that times out leaves the stream open (the test host aborts a
/// response whose read is cancelled).
/// </summary>
public sealed class EventStream(HttpResponseMessage response) : IAsyncDisposable
{
    private readonly Channel<ServerSentEvent> _blocks = Channel.CreateUnbounded<ServerSentEvent>();
    private Task? _pump;

    public HttpResponseMessage Response => response;

    /// <summary>The next block (an event, or only comments and fields such as retry:), or a failure after <paramref name="within"/>.</summary>
    public async Task<ServerSentEvent> NextBlockAsync(TimeSpan within)
    {
        _pump ??= Task.Run(PumpAsync);
        using var deadline = new CancellationTokenSource(within);
        try
        {
            return await _blocks.Reader.ReadAsync(deadline.Token);
        }
        catch (ChannelClosedException)
        {
            throw new EndOfStreamException("The stream ended.");
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            string? id = null, type = null;
            var data = new List<string>();
            var comments = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    await _blocks.Writer.WriteAsync(new ServerSentEvent(id, type, string.Join('\n', data), comments));
                    (id, type, data, comments) = (null, null, [], []);
                    continue;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
                switch (field)
                {
                    case "": comments.Add(value); break;
                    case "id": id = value; break;
                    case "event": type = value; break;
                    case "data": data.Add(value); break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream was closed by either side.
        }
        finally
        {
            _blocks.Writer.TryComplete();
        }
    }

    /// <summary>The next event that has data, skipping keep-alive blocks.</summary>
    public async Task<ServerSentEvent> NextEventAsync(TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var block = await NextBlockAsync(until - DateTime.UtcNow);
            if (block.Type is not null)
            {
                return block;
            }
        }
    }

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return new EventStream(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    public ValueTask DisposeAsync()
    {
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
