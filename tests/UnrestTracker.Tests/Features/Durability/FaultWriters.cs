using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UnrestTracker.Tests.Features.Durability;

/// <summary>A write the API acknowledged (2xx): the key it was sent with, the statement it made, the figure it carried.</summary>
public sealed record Acknowledged(string Key, Guid StatementId, int Value);

/// <summary>
/// Writers posting statements with one figure each, every one under its own Idempotency-Key, and
/// retrying a 503, a timeout or a dropped connection with the same key and body until it is acknowledged.
/// </summary>
public sealed class FaultWriters(HttpClient client, Guid incidentId, Guid sourceId)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private volatile bool _stopping;
    private int _sent, _unavailable, _failedTransfers;

    public ConcurrentDictionary<string, Acknowledged> Acknowledged { get; } = new();
    public ConcurrentQueue<string> Unexpected { get; } = new();
    public ConcurrentQueue<string> Unacknowledged { get; } = new();

    /// <summary>When each answer came: its status, 0 for a timeout or a failed transfer.</summary>
    public ConcurrentQueue<(DateTimeOffset At, int Status)> Answers { get; } = new();

    public int Sent => _sent;
    public int ServiceUnavailable => _unavailable;
    public int FailedTransfers => _failedTransfers;

    public Task RunAsync(int writers, CancellationToken giveUp) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, giveUp))));

    /// <summary>No new keys from now on; writes already sent keep retrying until acknowledged.</summary>
    public void Stop() => _stopping = true;

    private async Task WriteAsync(int writer, CancellationToken giveUp)
    {
        for (var i = 0; !_stopping; i++)
        {
            await PostUntilAcknowledgedAsync($"fault-{_run}-{writer}-{i}", writer * 1_000_000 + i, giveUp);
        }
    }

    private async Task PostUntilAcknowledgedAsync(string key, int value, CancellationToken giveUp)
    {
        var body = new
        {
            incidentId,
            sourceId,
            statedAt = "2022-01-10T09:00:00Z",
            summary = $"Fault run write {key}.",
            figures = new[] { new { metric = "detained", qualifier = "exact", value, unit = "people" } },
        };
        while (!giveUp.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sent);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statements") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(giveUp);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                using var response = await client.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                Answers.Enqueue((DateTimeOffset.UtcNow, (int)response.StatusCode));
                if (response.IsSuccessStatusCode)
                {
                    var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
                    Acknowledged[key] = new(key, id, value);
                    return;
                }
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Unexpected.Enqueue($"{key}: {(int)response.StatusCode} {text}");
                    return;
                }
                Interlocked.Increment(ref _unavailable);
            }
            catch (Exception e) when ((e is TaskCanceledException or HttpRequestException or IOException) && !giveUp.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedTransfers);
                Answers.Enqueue((DateTimeOffset.UtcNow, 0));
            }
            await Task.Delay(200, CancellationToken.None);
        }
        Unacknowledged.Enqueue(key);
    }
}
