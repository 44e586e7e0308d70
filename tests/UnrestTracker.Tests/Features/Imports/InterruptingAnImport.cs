using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UnrestTracker.Api.Features.Imports;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

public sealed class InterruptingAnImport(ApiFactory api) : ImportTest(api)
{
    /// <summary>A file that breaks off part-way, as an upload cut by the network or a killed process would.</summary>
    private sealed class BrokenOff(Stream inner, long after) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (Served >= after)
            {
                throw new IOException("The connection was cut.");
            }
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, after - Served)], ct);
            Served += n;
            return n;
        }
    }

    [Fact]
    public async Task An_import_cut_off_half_way_leaves_whole_rows_and_completes_when_run_again()
    {
        var file = SampleData.Path("ucdp_ged191_myanmar_bangladesh.csv");
        var importer = Api.Services.GetRequiredService<Importer>();
        await using (var broken = new BrokenOff(File.OpenRead(file), new FileInfo(file).Length * 3 / 4))
        {
            await Assert.ThrowsAsync<IOException>(() => importer.ImportAsync(new UcdpLayout(), broken, "cut.csv", new ImportOptions(), "test", null, CancellationToken.None));
        }
        var (events, statements) = await CountsAsync();
        var cut = (await GetOkAsync("/api/v1/imports")).GetProperty("items")[0];
        var uncovered = await UncoveredAsync();

        var again = await ImportOkAsync("ucdp", file);

        Assert.True(events > 0 && events % Importer.BatchSize == 0, $"{events} events after the cut");
        Assert.Equal(events, statements);
        Assert.Equal((3194 - events, events), (Count(again, "eventsCreated"), Count(again, "eventsUnchanged")));
        Assert.Equal((3194L, 3194L), await CountsAsync());
        Assert.True(cut.GetProperty("interrupted").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, cut.GetProperty("finishedAt").ValueKind);
        Assert.Equal((events, events), (Count(cut, "eventsCreated"), Count(cut, "statementsCreated")));
        Assert.Empty(uncovered);
        Assert.Empty(await UncoveredAsync());
        Assert.False(again.GetProperty("interrupted").GetBoolean());
    }

    [Fact]
    public async Task A_run_whose_process_died_is_marked_interrupted_by_the_next_import_and_a_live_one_is_left_running()
    {
        var (dead, live) = (Guid.NewGuid(), Guid.NewGuid());
        await using var liveProcess = new NpgsqlConnection(Api.ConnectionString);
        await liveProcess.OpenAsync();
        await using (var lockLive = new NpgsqlCommand("SELECT pg_advisory_lock(7301, hashtext(@id::text))", liveProcess))
        {
            lockLive.Parameters.AddWithValue("id", live);
            await lockLive.ExecuteNonQueryAsync();
        }
        foreach (var id in new[] { dead, live })
        {
            await using var start = new NpgsqlCommand("""
                INSERT INTO import_runs (id, dataset, file_name, released, started_at, recorded_by)
                VALUES (@id, 'ucdp', 'killed.csv', now(), now() - interval '1 hour', 'writer')
                """, liveProcess);
            start.Parameters.AddWithValue("id", id);
            await start.ExecuteNonQueryAsync();
        }
        var running = await GetOkAsync($"/api/v1/imports/{dead}");

        await ImportOkAsync("acled-deletions", Written("event_id_cnty,deleted_timestamp\nKAZ0000,1650000000\n"));
        var marked = await GetOkAsync($"/api/v1/imports/{dead}");
        var stillRunning = await GetOkAsync($"/api/v1/imports/{live}");

        Assert.Equal((JsonValueKind.Null, false), (running.GetProperty("finishedAt").ValueKind, running.GetProperty("interrupted").GetBoolean()));
        Assert.Equal((JsonValueKind.String, true), (marked.GetProperty("finishedAt").ValueKind, marked.GetProperty("interrupted").GetBoolean()));
        Assert.Equal("killed.csv", marked.GetProperty("file").GetProperty("name").GetString());
        Assert.Equal((JsonValueKind.Null, false), (stillRunning.GetProperty("finishedAt").ValueKind, stillRunning.GetProperty("interrupted").GetBoolean()));
    }

    /// <summary>Imported incidents whose dates do not cover their events.</summary>
    private Task<List<string>> UncoveredAsync() => Api.WithDbAsync(async db =>
    {
        var incidents = await db.IncidentVersions.AsNoTracking().Latest().ToListAsync();
        var events = await db.EventVersions.AsNoTracking().Latest().GroupBy(e => e.IncidentId)
            .Select(g => new { Id = g.Key, First = g.Min(e => e.Date), Last = g.Max(e => e.EndDate ?? e.Date) }).ToListAsync();
        return events.Select(e => (Cover: e, Incident: incidents.Single(i => i.Id == e.Id)))
            .Where(x => x.Cover.First < x.Incident.StartDate || x.Cover.Last > x.Incident.EndDate)
            .Select(x => $"{x.Incident.Slug} {x.Incident.StartDate}..{x.Incident.EndDate} holds {x.Cover.First}..{x.Cover.Last}").ToList();
    });

    private Task<(long Events, long Statements)> CountsAsync() => Api.WithDbAsync(async db =>
        ((long)await db.EventVersions.CountAsync(), (long)await db.StatementVersions.CountAsync()));
}
