using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Features.ReadModel;
using UnrestTracker.Tests.Features.Imports;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.ReadModel;

/// <summary>
/// Every figure's status "now" is kept by the writes (figure_status_now): after any write it must equal what the time-travel
/// definition (figure_statuses at 'infinity') derives, whatever wrote it, and only the owner may change it.
/// </summary>
public sealed class KeepingNowAtWriteTime(ApiFactory api) : ClaimsTest(api)
{
    private async Task<List<string>> DifferencesAsync()
    {
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        return await StatusNow.DifferencesAsync(connection, CancellationToken.None);
    }

    private async Task<long> KeptAsync(string where = "true")
    {
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand($"SELECT count(*) FROM figure_status_now WHERE {where}", connection).ExecuteScalarAsync())!;
    }

    private async Task<HttpResponseMessage> PutAsync(string path, object body)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add((await Client.GetAsync(path)).Headers.ETag!);
        return await Client.SendAsync(put);
    }

    private async Task<string> EventAsync(string date) => (await PostOkAsync("/api/v1/events", new
    {
        incidentId = IncidentId,
        date,
        type = "riots",
        title = $"Riot on {date}",
        location = new { country = "KZ", precision = "country" },
    })).GetProperty("id").GetString()!;

    [Fact]
    public async Task The_kept_statuses_equal_the_definition_after_every_write_of_a_generated_history()
    {
        string[] sources = [SourceId.ToString(), (await CreateSourceAsync("A newspaper", "media")).GetProperty("id").GetString()!];
        string[] events = [await EventAsync("2022-01-05"), await EventAsync("2022-01-06")];
        var random = new Random(24);
        var statements = new List<(JsonElement Created, Dictionary<string, object?> Body)>();
        var writes = new List<string>();
        var summed = false;
        for (var i = 0; i < 40; i++)
        {
            var roll = random.Next(10);
            string write;
            if (roll < 5 || statements.Count < 3)
            {
                // Few distinct moments, so that ties within a source happen; some name an earlier figure in supersedes.
                var figure = Figure(random.Next(1, 300), random.Next(2) == 0 ? "killed" : "injured");
                var earlier = statements.Where(s => s.Created.GetProperty("figures")[0].GetProperty("metric").GetString() == (string)figure["metric"]!)
                    .Select(s => FigureId(s.Created)).ToList();
                if (earlier.Count > 0 && random.Next(4) == 0)
                {
                    figure["supersedes"] = earlier[random.Next(earlier.Count)];
                }
                var body = Statement($"2022-01-{10 + random.Next(3):00}T09:00:00Z", figure);
                body["sourceId"] = sources[random.Next(sources.Length)];
                if (random.Next(4) == 0)
                {
                    body["eventId"] = events[random.Next(events.Length)];
                }
                // A figure or event named may have been withdrawn or edited meanwhile: such a statement is refused and writes nothing.
                var response = await Client.PostAsJsonAsync("/api/v1/statements", body);
                if (response.IsSuccessStatusCode)
                {
                    statements.Add((await BodyOf(response), body));
                }
                write = "statement";
            }
            else
            {
                var (created, body) = statements[random.Next(statements.Count)];
                var id = created.GetProperty("id").GetString()!;
                switch (roll)
                {
                    case 5:
                    case 6:
                        // An edit that moves the figure to the other metric's series, or changes its value.
                        var figure = Figure(random.Next(1, 300), random.Next(2) == 0 ? "killed" : "injured");
                        figure["id"] = FigureId(created);
                        body["figures"] = new[] { figure };
                        await PutAsync($"/api/v1/statements/{id}", body);
                        write = "edit";
                        break;
                    case 7:
                        await RetractAsync(created, "2022-01-13T12:00:00Z");
                        write = "retraction";
                        break;
                    case 8:
                        await Client.DeleteAsync($"/api/v1/statements/{id}?reason=duplicate");
                        write = "withdrawal";
                        break;
                    default:
                        var eventId = events[random.Next(events.Length)];
                        if (random.Next(2) == 0)
                        {
                            await Client.DeleteAsync($"/api/v1/events/{eventId}?reason=duplicate");
                            write = "event tombstone";
                        }
                        else
                        {
                            await PutAsync($"/api/v1/events/{eventId}", new
                            {
                                incidentId = IncidentId,
                                date = $"2022-01-0{1 + random.Next(8)}",
                                type = "riots",
                                title = "Riot, date corrected",
                                location = new { country = "KZ", precision = "country" },
                            });
                            write = "event date";
                        }
                        break;
                }
            }
            writes.Add(write);

            Assert.True((await DifferencesAsync()) is [], $"after write {i} ({write}): {string.Join("; ", await DifferencesAsync())}");
            // The series as a reader gets them now (what the writes keep) and as history defines them at that write: the snapshot
            // link with an asOf beyond every date, which the time-travel functions answer.
            var now = await Client.GetAsync($"/api/v1/incidents/{IncidentId}/figures");
            var items = (await BodyOf(now)).GetProperty("items").GetRawText();
            Assert.Equal((await GetOkAsync($"{now.Snapshot()}&asOf=9999-12-31T00:00:00Z")).GetProperty("items").GetRawText(), items);
            summed |= items.Contains("\"events\":", StringComparison.Ordinal);
        }
        Assert.True(summed, "some answers had eventSums");
        Assert.Equal(statements.Count, await KeptAsync());
        Assert.True(await KeptAsync("figure_id IN (SELECT supersedes FROM figure_versions)") > 0);
        Assert.True(await KeptAsync("status = 'superseded'") > 0 && await KeptAsync("status = 'retracted'") > 0);
        Assert.Equal(["edit", "event date", "event tombstone", "retraction", "statement", "withdrawal"], writes.Distinct().Order());
    }

    [Fact]
    public async Task Two_writers_at_once_leave_the_kept_statuses_equal_to_the_definition()
    {
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async writer =>
        {
            for (var i = 0; i < 8; i++)
            {
                await StateAsync($"2022-01-1{i % 3}T09:00:00Z", Figure(writer * 100 + i));
            }
        }));

        Assert.Empty(await DifferencesAsync());
        Assert.Equal(1, await KeptAsync("status = 'current'"));
    }

    [Fact]
    public async Task A_rebuild_from_history_equals_what_the_writes_kept()
    {
        var first = await StateAsync("2022-01-10T09:00:00Z", Figure(146));
        await StateAsync("2022-01-11T09:00:00Z", Figure(164));
        await RetractAsync(first);
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        var kept = await SnapshotAsync(connection);

        Assert.Equal(2, await StatusNow.RebuildAsync(connection, CancellationToken.None));

        Assert.Equal(kept, await SnapshotAsync(connection));
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task An_export_of_the_present_takes_the_statuses_the_writes_kept_like_the_list_and_history_from_history()
    {
        var first = await StateAsync("2022-01-10T09:00:00Z", Figure(146));
        await StateAsync("2022-01-11T09:00:00Z", Figure(164));
        await using (var owner = new NpgsqlConnection(Api.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await new NpgsqlCommand($"UPDATE figure_status_now SET status = 'current' WHERE figure_id = '{FigureId(first)}'", owner).ExecuteNonQueryAsync();
        }
        async Task<string> ExportedAsync(string moment) =>
            (await Client.GetStringAsync($"/api/v1/figures?format=csv&incident={IncidentId}{moment}")).Split("\r\n")[1].Split(',')[^1];

        // A kept status changed by hand (the test's stand-in for a difference) shows where the present is read from.
        var listed = (await GetOkAsync($"/api/v1/figures?incident={IncidentId}")).GetProperty("items")[0].GetProperty("status").GetString();
        Assert.Equal(("current", "current"), (listed, await ExportedAsync("")));
        Assert.Equal("superseded", await ExportedAsync("&asOf=9999-12-31T00:00:00Z"));
    }

    [Fact]
    public async Task The_operator_finds_a_tampered_status_with_check_and_rebuilds_it_from_history()
    {
        var first = await StateAsync("2022-01-10T09:00:00Z", Figure(146));
        await StateAsync("2022-01-11T09:00:00Z", Figure(164));
        await using (var owner = new NpgsqlConnection(Api.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await new NpgsqlCommand($"UPDATE figure_status_now SET status = 'current' WHERE figure_id = '{FigureId(first)}'", owner).ExecuteNonQueryAsync();
        }

        var check = await OperatorCommand.RunAsync(Api, "rebuild-read-model", "--check");
        var rebuild = await OperatorCommand.RunAsync(Api, "rebuild-read-model");
        var again = await OperatorCommand.RunAsync(Api, "rebuild-read-model", "--check");

        Assert.Equal(1, check.Exit);
        Assert.Contains($"{FigureId(first)}: kept 1 current", check.Stdout);
        Assert.Contains("defined 1 superseded", check.Stdout);
        Assert.Equal((0, "2 figure statuses rebuilt from history."), (rebuild.Exit, rebuild.Stdout.Trim()));
        Assert.Equal((0, ""), (again.Exit, again.Stdout));
    }

    private static async Task<List<string>> SnapshotAsync(NpgsqlConnection connection)
    {
        await using var reader = await new NpgsqlCommand(
            "SELECT concat_ws(' ', figure_id, version, series_key, source_id, incident_id, event_id, status) FROM figure_status_now ORDER BY figure_id",
            connection).ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    [Theory]
    [InlineData("INSERT INTO figure_status_now VALUES (gen_random_uuid(), 1, 'k', gen_random_uuid(), gen_random_uuid(), NULL, now(), 'current', false)")]
    [InlineData("UPDATE figure_status_now SET status = 'current'")]
    [InlineData("DELETE FROM figure_status_now")]
    [InlineData("TRUNCATE figure_status_now")]
    [InlineData("INSERT INTO event_sums_now VALUES (gen_random_uuid(), 'killed', NULL, 'people', gen_random_uuid(), 1, 1, 1000, 1, 1000, 1, 1000)")]
    [InlineData("UPDATE event_sums_now SET value = value + 1000")]
    [InlineData("SELECT refresh_figure_status_now(ARRAY[gen_random_uuid()])")]
    [InlineData("SELECT rebuild_figure_status_now()")]
    [InlineData("INSERT INTO event_clusters_now VALUES (gen_random_uuid(), gen_random_uuid())")]
    [InlineData("DELETE FROM event_clusters_now")]
    [InlineData("SELECT refresh_event_clusters_now(ARRAY[gen_random_uuid()])")]
    [InlineData("SELECT rebuild_event_clusters_now()")]
    [InlineData("UPDATE events_now SET date = date + 1")]
    [InlineData("SELECT rebuild_events_now()")]
    [InlineData("UPDATE event_figures_stamp SET n = n - 1")]
    [InlineData("INSERT INTO event_figures_stamp (n) VALUES (0) ON CONFLICT (one) DO UPDATE SET n = 0")]
    public async Task The_api_role_may_read_the_kept_statuses_but_not_change_them(string sql)
    {
        await StateAsync();
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(1L, await new NpgsqlCommand("SELECT count(*) FROM figure_status_now", connection).ExecuteScalarAsync());
        var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
