using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Webhooks;

/// <summary>Receivers on loopback allowed, a retry a second after a failure, disabled after 3.6 s of failures.</summary>
public sealed class WebhooksApiFactory : ApiFactory
{
    public WebhooksApiFactory()
    {
        Settings["Webhooks:AllowPrivateNetworks"] = "true";
        Settings["Webhooks:RetryDelays:0"] = "00:00:01";
        Settings["Webhooks:DisableAfterHours"] = "0.001";
    }
}

public sealed class DeliveringWebhooks(WebhooksApiFactory api) : IClassFixture<WebhooksApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private HttpClient _admin = null!;
    private HttpClient _writer = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await api.ResetAsync();
        _admin = await ClientFactory.WithKeyAsync(api, "admin", KeyScope.Admin);
        _writer = await ClientFactory.WriterAsync(api);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<JsonElement> CreateWebhookAsync(object? body = null)
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/webhooks", body ?? new { url = _receiver.Url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> CreateSourceAsync(string name)
    {
        var response = await _writer.PostAsJsonAsync("/api/v1/sources", new { name, kind = "media" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static void Verify(string secret, ReceivedWebhook received) =>
        new StandardWebhook(secret).Verify(received.Body, received.Headers);

    [Fact]
    public async Task A_change_is_posted_signed_as_Standard_Webhooks_specifies()
    {
        var webhook = await CreateWebhookAsync();
        var secret = webhook.GetProperty("secret").GetString()!;

        var source = await CreateSourceAsync("Ministry of Health");
        var received = Assert.Single(await _receiver.WaitForAsync(1, Soon));

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Verify(secret, received);
        var change = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("source", change.GetProperty("entity").GetString());
        Assert.Equal(source, change.GetProperty("id").GetString());
        Assert.True(change.TryGetProperty("seq", out _));
        Assert.False((await (await _admin.GetAsync($"/api/v1/webhooks/{webhook.GetProperty("id")}")).Content.ReadAsStringAsync()).Contains("whsec_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_webhook_id_and_later_changes_wait_behind_it()
    {
        _receiver.Answer = n => n <= 2 ? 500 : 204;
        var webhook = await CreateWebhookAsync(new { url = _receiver.Url, secret = "whsec_" + Convert.ToBase64String(new byte[32]) });

        await CreateSourceAsync("First");
        await CreateSourceAsync("Second");
        var received = await _receiver.WaitForAsync(4, Soon * 2);

        var ids = received.Select(r => r.Id).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal([ids[0], ids[0], ids[0]], ids.Take(3));
        Assert.NotEqual(ids[0], ids[3]);
        Assert.All(received, r => Verify(webhook.GetProperty("secret").GetString()!, r));
        Assert.NotEqual(received[0].Headers["webhook-timestamp"].ToString() + received[0].Headers["webhook-signature"],
            received[1].Headers["webhook-timestamp"].ToString() + received[1].Headers["webhook-signature"]);
        // The sender logs a delivery once its answer is in, a moment after the receiver has seen the request.
        var attempts = new List<(int, int)>();
        for (var waited = Stopwatch.StartNew(); attempts.Count < 4 && waited.Elapsed < Soon; await Task.Delay(50))
        {
            var log = await GetAsync($"/api/v1/webhooks/{webhook.GetProperty("id")}/deliveries");
            attempts = [.. log.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("status").GetInt32()))];
        }
        Assert.Equal([(1, 204), (3, 204), (2, 500), (1, 500)], attempts);
    }

    [Fact]
    public async Task A_webhook_failing_past_DisableAfterHours_is_disabled_and_enable_resumes_at_the_failed_delivery()
    {
        _receiver.Answer = _ => 503;
        var webhook = await CreateWebhookAsync();
        var path = $"/api/v1/webhooks/{webhook.GetProperty("id")}";
        await CreateSourceAsync("Unreachable");

        var disabled = await WaitAsync(path, w => w.GetProperty("disabled").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(15));
        var failedId = _receiver.Received.First().Id;
        _receiver.Answer = _ => 200;
        var enabled = await _admin.PostAsync($"{path}/enable", null);
        var resumed = await _receiver.WaitForAsync(_receiver.Received.Count + 1, Soon);

        Assert.Contains("503", disabled.GetProperty("disabled").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(failedId, resumed[^1].Id);
    }

    [Fact]
    public async Task Two_instances_deliver_every_change_once_in_seq_order()
    {
        await CreateWebhookAsync();
        await using var second = new WebhooksApiFactory();
        await second.InitializeAsync();

        for (var i = 0; i < 10; i++)
        {
            await CreateSourceAsync($"Source {i}");
        }
        await _receiver.WaitForAsync(10, Soon * 2);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var seqs = _receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(10, seqs.Count);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(10, seqs.Distinct().Count());
    }

    /// <summary>More changes at once than one read (100) and one lease (1,000) take: each once, none skipped, in order.</summary>
    [Fact]
    public async Task An_imports_burst_of_changes_arrives_complete_once_and_in_seq_order()
    {
        var position = (await CreateWebhookAsync()).GetProperty("position").GetInt64();
        await using (var file = File.OpenRead(SampleData.Path("acled_sample.csv")))
        {
            using var csv = new StreamContent(file);
            csv.Headers.ContentType = new("text/csv");
            Assert.Equal(HttpStatusCode.Created, (await _writer.PostAsync("/api/v1/imports/acled", csv)).StatusCode);
        }
        var committed = await api.WithDbAsync(db => db.Changes.Where(c => c.Seq > position).OrderBy(c => c.Seq).Select(c => c.Seq).ToListAsync());

        await _receiver.WaitForAsync(committed.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var seqs = _receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.True(committed.Count > 1000, $"The import made {committed.Count} changes.");
        Assert.Equal(committed, seqs);
    }

    [Fact]
    public async Task A_restart_mid_retry_loses_nothing_and_sends_the_pending_change_again_with_its_id()
    {
        _receiver.Answer = n => n == 1 ? 500 : 204;
        await using var first = new WebhooksApiFactory();
        await first.InitializeAsync();
        var admin = await ClientFactory.WithKeyAsync(first, "first-admin", KeyScope.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = _receiver.Url });
        created.EnsureSuccessStatusCode();
        var writer = await ClientFactory.WithKeyAsync(first, "first-writer", KeyScope.Write);
        (await writer.PostAsJsonAsync("/api/v1/sources", new { name = "Before the restart", kind = "media" })).EnsureSuccessStatusCode();
        var failed = Assert.Single(await _receiver.WaitForAsync(1, Soon));
        // Between attempts: the failure is recorded (an attempt cut off mid-flight is sent again once its lease lapses, a minute).
        for (var tries = 0; tries < 50 && !(await admin.GetStringAsync($"{created.Headers.Location}/deliveries")).Contains("\"seq\"", StringComparison.Ordinal); tries++)
        {
            await Task.Delay(100);
        }
        await first.DisposeAsync();

        await using var restarted = new WebhooksApiFactory();
        await restarted.InitializeAsync();
        var after = await _receiver.WaitForAsync(2, Soon);

        Assert.Equal(failed.Id, after[1].Id);
    }

    [Fact]
    public async Task An_attempt_cut_off_by_a_dead_instance_is_sent_again_with_the_same_webhook_id_once_its_lease_lapses()
    {
        _receiver.Respond = async (n, http) =>
        {
            // The first attempt never gets an answer: the instance sending it "dies" meanwhile.
            await Task.Delay(n == 1 ? TimeSpan.FromSeconds(15) : TimeSpan.Zero, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            http.Response.StatusCode = 204;
        };
        var webhook = await CreateWebhookAsync();
        await CreateSourceAsync("In flight at the crash");
        var inFlight = Assert.Single(await _receiver.WaitForAsync(1, Soon));

        // What a crash leaves in the database: the lease of an instance that is gone, lapsed.
        await api.AsOwnerAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE webhooks SET lease_token = {Guid.NewGuid()}, lease_until = now() - interval '1 second' WHERE id = {webhook.GetProperty("id").GetGuid()}"));
        var again = await _receiver.WaitForAsync(2, Soon);
        await CreateSourceAsync("After the crash");
        var next = await _receiver.WaitForAsync(3, Soon);

        Assert.Equal(inFlight.Id, again[1].Id);
        Verify(webhook.GetProperty("secret").GetString()!, again[1]);
        Assert.NotEqual(inFlight.Id, next[2].Id);
    }

    [Fact]
    public async Task Receivers_that_are_slow_redirect_or_answer_10_MB_do_not_hold_up_another_webhook()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync();
        await using var verbose = await WebhookReceiver.StartAsync();
        slow.Respond = (_, http) => Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        redirecting.Respond = (_, http) =>
        {
            http.Response.StatusCode = 307;
            http.Response.Headers.Location = _receiver.Url;
            return Task.CompletedTask;
        };
        verbose.Respond = async (_, http) =>
        {
            var chunk = new byte[64 * 1024];
            try
            {
                for (var i = 0; i < 160; i++)
                {
                    await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The sender stopped reading after a few hundred bytes.
            }
        };
        await CreateWebhookAsync(new { url = slow.Url });
        var redirected = (await CreateWebhookAsync(new { url = redirecting.Url })).GetProperty("id").GetString();
        var big = (await CreateWebhookAsync(new { url = verbose.Url })).GetProperty("id").GetString();
        await CreateWebhookAsync();

        await CreateSourceAsync("First");
        await _receiver.WaitForAsync(1, Soon);
        await slow.WaitForAsync(1, Soon);
        var written = DateTimeOffset.UtcNow;
        await CreateSourceAsync("Second");
        var second = (await _receiver.WaitForAsync(2, Soon))[1];

        Assert.True(second.At - written < TimeSpan.FromSeconds(2), $"The second change took {(second.At - written).TotalSeconds:0.0} s behind a slow receiver.");
        Assert.Equal(2, _receiver.Received.Count); // the redirect was not followed to it
        var redirectLog = (await GetAsync($"/api/v1/webhooks/{redirected}/deliveries")).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(307, redirectLog.GetProperty("status").GetInt32());
        var bigLog = (await GetAsync($"/api/v1/webhooks/{big}/deliveries")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(bigLog, d => Assert.Equal(200, d.GetProperty("status").GetInt32()));
        Assert.All(bigLog, d => Assert.True(d.GetProperty("durationMs").GetInt32() < 2000));
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> WaitAsync(string path, Func<JsonElement, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var current = await GetAsync(path);
            if (done(current) || DateTime.UtcNow > until)
            {
                return current;
            }
            await Task.Delay(200);
        }
    }
}
