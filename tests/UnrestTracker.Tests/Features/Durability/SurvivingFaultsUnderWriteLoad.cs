using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;
using Xunit.Abstractions;

namespace UnrestTracker.Tests.Features.Durability;

public sealed class FaultApiFactory() : OwnClusterApiFactory("pg-fault", "unrest_fault")
{
    /// <summary>The API's log: a failed run shows the server's side of what went wrong.</summary>
    public LogSink Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
    }
}

/// <summary>
/// Four writers under PostgreSQL stopped, frozen and killed. <c>UNREST_FAULT_SECONDS</c> sets how long
/// each fault lasts (2 here; <c>bench/fault-run.sh</c> runs 5), <c>UNREST_FAULT_REPORT</c> a file for the counts.
/// </summary>
public sealed class SurvivingFaultsUnderWriteLoad(FaultApiFactory api, ITestOutputHelper output) : IClassFixture<FaultApiFactory>
{
    private static readonly TimeSpan Fault = TimeSpan.FromSeconds(
        double.Parse(Environment.GetEnvironmentVariable("UNREST_FAULT_SECONDS") ?? "2", CultureInfo.InvariantCulture));

    private async Task<(HttpClient Writer, Guid Incident, Guid Source)> PrepareAsync()
    {
        var writer = await ClientFactory.WithKeyAsync(api, $"fault-{Guid.NewGuid():N}", KeyScope.Write);
        async Task<Guid> CreateAsync(string path, object body) =>
            (await (await writer.PostAsJsonAsync(path, body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var incident = await CreateAsync("/api/v1/incidents", new { title = $"Fault run {Guid.NewGuid():N}", summary = "Writes under faults.", countries = new[] { "KZ" }, startDate = "2022-01-02" });
        var source = await CreateAsync("/api/v1/sources", new { name = "Fault run ministry", kind = "government" });
        return (writer, incident, source);
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_a_stop_a_freeze_and_a_kill_exactly_once_and_in_order()
    {
        var (writer, incident, source) = await PrepareAsync();
        var proof = new FaultRunProof(ClientFactory.Anonymous(api), api.OwnerConnectionString);
        var seqBefore = await proof.LastSeqAsync();
        var writers = new FaultWriters(writer, incident, source);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = writers.RunAsync(4, giveUp.Token);
        await Task.Delay(Fault);
        await proof.SnapshotHistoryAsync();

        var faults = new List<(string Name, DateTimeOffset Start, DateTimeOffset End)>();
        async Task InjectAsync(string name, Func<Task> begin, Func<Task> end)
        {
            var start = DateTimeOffset.UtcNow;
            await begin();
            await Task.Delay(Fault);
            faults.Add((name, start, DateTimeOffset.UtcNow));
            await end();
            await Task.Delay(Fault);
        }
        await InjectAsync("pg_ctl stop, then start", () => api.Cluster.StopAsync(), () => api.Cluster.StartAsync());
        IAsyncDisposable? frozen = null;
        await InjectAsync("kill -STOP, then -CONT", async () => frozen = await api.FreezeAsync(), async () => await frozen!.DisposeAsync());
        await InjectAsync("kill -9 the postmaster, then start", api.KillAsync, () => api.Cluster.StartAsync());
        writers.Stop();
        try
        {
            await running;
        }
        catch
        {
            foreach (var error in api.Log.Events.Where(e => e.Level >= LogEventLevel.Error))
            {
                output.WriteLine($"{error.Timestamp:HH:mm:ss.fff} {error.RenderMessage()} {error.Exception}");
            }
            throw;
        }

        var acknowledged = writers.Acknowledged.Values.ToList();
        var broken = new List<string>();
        broken.AddRange(writers.Unexpected.Concat(writers.Unacknowledged.Select(k => $"{k}: never acknowledged")));
        broken.AddRange(await proof.EveryAcknowledgedWriteIsPresentWithItsFiguresAsync(acknowledged));
        broken.AddRange(await proof.EveryKeyCreatedOneStatementAsync(incident, acknowledged));
        broken.AddRange(await proof.TheChangeFeedHoldsEachWriteOnceInCommitOrderAsync(seqBefore, incident, acknowledged));
        broken.AddRange(await proof.HistoryOnlyGrewAsync());
        await ReportAsync(writers, faults, broken);

        Assert.Empty(broken);
        Assert.NotEmpty(acknowledged);
    }

    [Fact]
    public async Task Fifty_concurrent_posts_with_one_idempotency_key_make_exactly_one_source()
    {
        var (writer, _, _) = await PrepareAsync();
        var name = $"Concurrent {Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources") { Content = JsonContent.Create(new { name, kind = "media" }) };
            request.Headers.Add("Idempotency-Key", name);
            using var response = await writer.SendAsync(request);
            return ((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }));

        Assert.All(answers, a => Assert.Equal(201, a.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        var listed = await ClientFactory.Anonymous(api).GetFromJsonAsync<JsonElement>($"/api/v1/sources?limit=100");
        Assert.Single(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("name").GetString() == name);
    }

    private async Task ReportAsync(FaultWriters writers, List<(string Name, DateTimeOffset Start, DateTimeOffset End)> faults, List<string> broken)
    {
        var answers = writers.Answers.ToList();
        var lines = new List<string>
        {
            $"fault run: 4 writers, each fault {Fault.TotalSeconds:0} s",
            $"requests sent {writers.Sent}, acknowledged {writers.Acknowledged.Count}, 503s {writers.ServiceUnavailable}, timeouts/failed transfers {writers.FailedTransfers}",
        };
        foreach (var (name, start, end) in faults)
        {
            var first503 = answers.Where(a => a.At >= start && a.Status is 503 or 0).Select(a => (double?)(a.At - start).TotalSeconds).Min();
            var recovered = answers.Where(a => a.At >= end && a.Status is >= 200 and < 300).Select(a => (double?)(a.At - end).TotalSeconds).Min();
            lines.Add($"  {name}: first 503 after {first503:0.00} s, first acknowledged write {recovered:0.00} s after the restart or resume was issued");
        }
        lines.Add(broken.Count == 0
            ? "proof: every acknowledged write present with its figure; each key made one statement; the change feed holds each once, in commit order; history only grew"
            : $"BROKEN ({broken.Count}):\n  " + string.Join("\n  ", broken.Take(20)));
        lines.ForEach(output.WriteLine);
        if (Environment.GetEnvironmentVariable("UNREST_FAULT_REPORT") is { Length: > 0 } file)
        {
            await File.WriteAllLinesAsync(file, lines);
        }
    }
}
