using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Changes;

public sealed class FollowingTheChangeFeed(ApiFactory api) : ApiTest(api)
{
    private async Task<List<JsonElement>> PollAsync(long after) =>
        (await GetOkAsync($"/api/v1/changes?after={after}&limit=1000")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_write_shows_up_after_the_last_seq_held()
    {
        await CreateSourceAsync("First");
        var last = (await PollAsync(0)).Last().GetProperty("seq").GetInt64();

        var created = await CreateIncidentAsync();
        var news = await PollAsync(last);

        var change = Assert.Single(news);
        Assert.Equal("incident", change.GetProperty("entity").GetString());
        Assert.Equal("created", change.GetProperty("op").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), change.GetProperty("id").GetString());
        Assert.True(change.GetProperty("seq").GetInt64() > last);
    }

    [Fact]
    public async Task A_writer_that_began_first_and_commits_last_is_not_skipped_by_a_poller()
    {
        var held = new TaskCompletionSource();
        var inside = new TaskCompletionSource();
        var first = Task.Run(async () =>
        {
            await using var scope = Api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
            await scope.ServiceProvider.GetRequiredService<Writer>().WriteAsync("slow-writer", async batch =>
            {
                CreateSource.Record(db, batch, new SourceRequest { Name = "Slow", Kind = SourceKind.Media });
                inside.SetResult();
                await held.Task;
                return true;
            }, CancellationToken.None);
        });
        await inside.Task;
        var second = Client.PostAsJsonAsync("/api/v1/sources", new { name = "Fast", kind = "media" });

        await Task.Delay(300);
        var seenWhileHeld = await PollAsync(0);
        held.SetResult();
        await first;
        (await second).EnsureSuccessStatusCode();
        var seenAfter = await PollAsync(seenWhileHeld.Count == 0 ? 0 : seenWhileHeld[^1].GetProperty("seq").GetInt64());

        Assert.Empty(seenWhileHeld);
        Assert.Equal(2, seenAfter.Count);
        Assert.True(seenAfter[0].GetProperty("seq").GetInt64() < seenAfter[1].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_poller_pages_through_thousands_of_changes_without_a_gap_or_a_duplicate()
    {
        await Api.WithDbAsync(async db =>
        {
            await new Writer(db).WriteAsync("bulk", batch =>
            {
                for (var i = 0; i < 3000; i++)
                {
                    CreateSource.Record(db, batch, new SourceRequest { Name = $"Source {i}", Kind = SourceKind.Ngo });
                }
                return Task.FromResult(true);
            }, CancellationToken.None);
            return true;
        });

        var seqs = new List<long>();
        string? cursor = null;
        do
        {
            var page = await GetOkAsync($"/api/v1/changes?after=0&limit=700{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            seqs.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(3000, seqs.Count);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(3000, seqs.Distinct().Count());
    }

    [Fact]
    public async Task Each_change_says_which_key_made_it()
    {
        await Api.LoadDemoAsync();
        var last = (await PollAsync(0)).Last().GetProperty("seq").GetInt64();

        await CreateSourceAsync("Reuters", "media");
        var mine = Assert.Single(await PollAsync(last));

        Assert.Equal(ClientFactory.WriterKeyName, mine.GetProperty("by").GetString());
        Assert.All((await PollAsync(0)).SkipLast(1), c => Assert.Equal("demo", c.GetProperty("by").GetString()));
    }

    [Fact]
    public async Task An_incident_filter_keeps_its_own_writes_and_those_of_its_events_statements_and_retractions()
    {
        await Api.LoadDemoAsync();
        var other = await CreateIncidentAsync("Fuel protests elsewhere", "fuel-elsewhere");
        await CreateSourceAsync("Reuters", "media");

        var demo = (await GetOkAsync("/api/v1/changes?incident=kazakhstan-2022-01&limit=1000")).GetProperty("items").EnumerateArray().ToList();
        var elsewhere = (await GetOkAsync($"/api/v1/changes?incident={other.GetProperty("id").GetString()}")).GetProperty("items").EnumerateArray().ToList();

        var kinds = demo.Select(c => c.GetProperty("entity").GetString()).ToHashSet();
        Assert.Equal(["event", "incident", "retraction", "statement"], kinds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(demo, c => c.GetProperty("id").GetString() == other.GetProperty("id").GetString());
        var only = Assert.Single(elsewhere);
        Assert.Equal(other.GetProperty("id").GetString(), only.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_incident_filter_pages_with_the_cursor_and_composes_with_after()
    {
        await Api.LoadDemoAsync();
        var all = (await GetOkAsync("/api/v1/changes?incident=kazakhstan-2022-01&limit=1000")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("seq").GetInt64()).ToList();

        var paged = new List<long>();
        string? cursor = null;
        do
        {
            var page = await GetOkAsync($"/api/v1/changes?incident=kazakhstan-2022-01&after={all[1]}&limit=3{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(all.Skip(2), paged);
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404() =>
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("/api/v1/changes?incident=no-such-incident")).StatusCode);

    [Theory]
    [InlineData("after=-1")]
    [InlineData("after=ten")]
    public async Task A_malformed_after_is_a_400(string query) =>
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await Client.GetAsync($"/api/v1/changes?{query}")).StatusCode);
}
