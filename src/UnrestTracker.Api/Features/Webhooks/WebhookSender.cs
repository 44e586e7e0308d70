using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>What one attempt got: when it was sent, the HTTP status (null when none came), why it failed, and how long it took.</summary>
public sealed record Attempt(DateTimeOffset At, int? Status, string? Error, int DurationMs)
{
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// Sends one signed POST. The host is resolved and checked here, and the connection goes only to a checked address
/// (no second lookup that could answer differently); no proxy, no redirect, 10 s in all, at most 256 bytes read.
/// </summary>
public sealed class WebhookSender(IConfiguration configuration)
{
    private const int MaxAnswerBytes = 256;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly HttpRequestOptionsKey<IPAddress[]> Checked = new("unrest.checkedAddresses");

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = ConnectAsync,
    })
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public bool AllowPrivateNetworks => configuration.GetValue("Webhooks:AllowPrivateNetworks", false);

    public async Task<Attempt> SendAsync(string url, string id, byte[] body, string secret, CancellationToken ct)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            var uri = new Uri(url);
            var (addresses, refusal) = await AddressRules.ResolveAsync(uri.IdnHost, AllowPrivateNetworks, timeout.Token);
            if (addresses is null)
            {
                return new Attempt(at, null, refusal, Elapsed(clock));
            }
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSecrets.Sign(secret, id, timestamp, body));
            request.Headers.UserAgent.ParseAdd("UnrestTracker-Webhooks/1");
            request.Options.Set(Checked, addresses);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var answer = await ReadStartAsync(response, timeout.Token);
            return new Attempt(at, status, status is >= 200 and < 300 ? null : $"The receiver answered {status}: {answer}", Elapsed(clock));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"No answer within {Timeout.TotalSeconds:0} s." : e.Message;
            return new Attempt(at, null, error, Elapsed(clock));
        }
    }

    private static int Elapsed(Stopwatch clock) => (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds);

    /// <summary>The first bytes of the answer, for the delivery log; the rest is never read.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxAnswerBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(Checked, out var addresses))
        {
            throw new HttpRequestException("No checked address for this connection.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

}
