using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Changes;

/// <summary>A stream may fall 5 changes behind (Streams:MaxBacklog); the shared tail holds 10 (Streams:TailSize).</summary>
public sealed class ShortBacklogApiFactory : ApiFactory
{
    public ShortBacklogApiFactory()
    {
        Settings["Streams:MaxBacklog"] = "5";
        Settings["Streams:TailSize"] = "10";
    }
}

public sealed class FallingBehindAStream(ShortBacklogApiFactory api) : IClassFixture<ShortBacklogApiFactory>, IAsyncLifetime
{
    private const string Stream = "/api/v1/changes/stream";

    public async Task InitializeAsync() => await api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stream_more_than_MaxBacklog_behind_is_closed_and_resumes_with_Last_Event_ID_without_a_gap()
    {
        var writer = await ClientFactory.WriterAsync(api);
        await using var stream = await EventStream.OpenAsync(writer, Stream);
        await stream.NextBlockAsync(TimeSpan.FromSeconds(5));
        (await writer.PostAsJsonAsync("/api/v1/sources", new { name = "Within the backlog", kind = "media" })).EnsureSuccessStatusCode();
        var seen = await stream.NextEventAsync(TimeSpan.FromSeconds(5));

        // 30 incidents in one commit, as an import writes them: the stream is 30 changes behind at once.
        await api.WithDbAsync(db => new Writer(db).WriteAsync("bulk", async batch =>
        {
            for (var i = 0; i < 30; i++)
            {
                await CreateIncident.RecordAsync(db, batch, new IncidentRequest { Title = $"Bulk {i}", Summary = "Imported.", StartDate = new DateOnly(2022, 1, 2) }, CancellationToken.None);
            }
            return 0;
        }, CancellationToken.None));
        var closing = new List<ServerSentEvent>();
        await Assert.ThrowsAsync<EndOfStreamException>(async () =>
        {
            while (true)
            {
                closing.Add(await stream.NextBlockAsync(TimeSpan.FromSeconds(5)));
            }
        });
        await using var resumed = await EventStream.OpenAsync(writer, Stream, lastEventId: seen.Id);
        var streamed = new List<long>();
        while (streamed.Count < 30)
        {
            streamed.Add(long.Parse((await resumed.NextEventAsync(TimeSpan.FromSeconds(5))).Id!, CultureInfo.InvariantCulture));
        }

        Assert.Contains(closing.SelectMany(b => b.Comments), c => c.Contains("more than 5 changes behind", StringComparison.Ordinal));
        Assert.DoesNotContain(closing, b => b.Type is not null);
        var first = long.Parse(seen.Id!, CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => first + i), streamed);
    }

    [Fact]
    public async Task A_stream_resumed_further_back_than_the_shared_tail_reaches_gets_every_change_then_follows_the_new_ones()
    {
        var writer = await ClientFactory.WriterAsync(api);
        string seen;
        await using (var before = await EventStream.OpenAsync(writer, Stream))
        {
            await before.NextBlockAsync(TimeSpan.FromSeconds(5));
            (await writer.PostAsJsonAsync("/api/v1/sources", new { name = "Before the bulk", kind = "media" })).EnsureSuccessStatusCode();
            seen = (await before.NextEventAsync(TimeSpan.FromSeconds(5))).Id!;
        }
        await api.WithDbAsync(db => new Writer(db).WriteAsync("bulk", async batch =>
        {
            for (var i = 0; i < 30; i++)
            {
                await CreateIncident.RecordAsync(db, batch, new IncidentRequest { Title = $"Bulk {i}", Summary = "Imported.", StartDate = new DateOnly(2022, 1, 2) }, CancellationToken.None);
            }
            return 0;
        }, CancellationToken.None));

        await using var stream = await EventStream.OpenAsync(writer, Stream, lastEventId: seen);
        var streamed = new List<long>();
        while (streamed.Count < 30)
        {
            streamed.Add(long.Parse((await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Id!, CultureInfo.InvariantCulture));
        }
        for (var i = 0; i < 3; i++)
        {
            (await writer.PostAsJsonAsync("/api/v1/sources", new { name = $"After the bulk {i}", kind = "media" })).EnsureSuccessStatusCode();
            streamed.Add(long.Parse((await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Id!, CultureInfo.InvariantCulture));
        }

        var feed = await writer.GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={seen}&limit=100");
        Assert.Equal(feed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()), streamed);
    }

    [Fact]
    public async Task Holes_in_seq_are_not_a_backlog()
    {
        // Seqs that were taken and never committed (rolled-back writes, a restart, an emptied log): 1,000 at once.
        await api.AsOwnerAsync(db => db.Database.ExecuteSqlRawAsync("SELECT setval('changes_seq_seq', (SELECT coalesce(max(seq), 0) FROM changes) + 1000)"));
        var writer = await ClientFactory.WriterAsync(api);
        await using var stream = await EventStream.OpenAsync(writer, Stream);
        await stream.NextBlockAsync(TimeSpan.FromSeconds(5));

        (await writer.PostAsJsonAsync("/api/v1/sources", new { name = "After the hole", kind = "media" })).EnsureSuccessStatusCode();
        var change = await stream.NextEventAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("source", change.Json.GetProperty("entity").GetString());
    }
}
