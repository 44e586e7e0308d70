using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.ScalingOut;

/// <summary>
/// Reads on a real streaming replica. <c>Replica-Lag</c> is set only when the answering connection itself reported
/// <c>pg_is_in_recovery()</c>; a paused replay shows that the answer really came from the replica's data.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ReadingFromAReplica(ScaleOutApiFactory api)
{
    [Fact]
    public async Task Reads_are_answered_by_the_replica_and_say_how_far_behind_it_was()
    {
        var token = Token();
        await CaughtUpAfterAWriteAsync(await WriterAsync(), $"Replica reader check {token}");
        var reader = ClientFactory.Anonymous(api);

        var list = await reader.GetAsync($"/api/v1/sources?q={token}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(double.Parse(Assert.Single(list.Headers.GetValues("Replica-Lag")), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_stream_served_by_a_replica_shows_a_write_once_the_replica_has_replayed_it()
    {
        var writer = await WriterAsync();
        var token = Token();
        await CaughtUpAfterAWriteAsync(writer, $"Before the stream {token}");
        await using var stream = await EventStream.OpenAsync(ClientFactory.Anonymous(api), "/api/v1/changes/stream?entity=source");
        await stream.NextBlockAsync(TimeSpan.FromSeconds(2));
        Exception? whilePaused;
        string id;
        await using (await api.PauseReplayAsync())
        {
            id = await CreateSourceAsync(writer, $"Written while the replica is paused {token}");
            whilePaused = await Record.ExceptionAsync(() => stream.NextEventAsync(TimeSpan.FromSeconds(1.5)));
        }
        var replayed = await stream.NextEventAsync(TimeSpan.FromSeconds(2));

        Assert.True(stream.Response.Headers.Contains("Replica-Lag"));
        Assert.IsAssignableFrom<OperationCanceledException>(whilePaused);
        Assert.Equal(id, replayed.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_Replica_Lag_header_of_reads()
    {
        var document = await ClientFactory.Anonymous(api).GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var headers = document.GetProperty("paths").GetProperty("/api/v1/sources").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("headers");
        Assert.Contains("replica", headers.GetProperty("Replica-Lag").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lagging_replica_answers_as_of_its_newest_write_and_its_snapshot_link_reproduces_that_answer()
    {
        var writer = await WriterAsync();
        var token = Token();
        await CaughtUpAfterAWriteAsync(writer, $"Before the pause {token}");
        var reader = ClientFactory.Anonymous(api);
        HttpResponseMessage lagging;
        string id;
        await using (await api.PauseReplayAsync())
        {
            id = await CreateSourceAsync(writer, $"Written while the replica is paused {token}");
            lagging = await reader.GetAsync($"/api/v1/sources/{id}");
        }
        await api.CaughtUpAsync();

        Assert.Equal(HttpStatusCode.NotFound, lagging.StatusCode);
        Assert.True(lagging.Headers.Contains("Replica-Lag"));
        var list = await reader.GetAsync($"/api/v1/sources?q=paused {token}");
        Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        // The replica's answer "now" was pinned before the write: following its link later still leaves the write out.
        await using (await api.PauseReplayAsync())
        {
            var pinned = await reader.GetAsync($"/api/v1/sources?q={token}&limit=5");
            var link = SnapshotLink(pinned);
            id = await CreateSourceAsync(writer, $"Also written while paused {token}");
            var replayed = await reader.GetAsync(link);
            Assert.True(pinned.Headers.Contains("Replica-Lag"));
            Assert.Equal(await pinned.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
            Assert.DoesNotContain(id, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_moment_after_the_newest_write_is_served_by_a_replica_only_while_it_has_every_write_recorded_by_then()
    {
        var writer = await WriterAsync();
        var token = Token();
        await CaughtUpAfterAWriteAsync(writer, $"Horizon {token}");
        var reader = ClientFactory.Anonymous(api);
        var now = Moment(DateTimeOffset.UtcNow);
        var caughtUp = await reader.GetAsync($"/api/v1/sources?q={token}&recordedAsOf={now}");
        for (var attempt = 0; attempt < 100 && !caughtUp.Headers.Contains("Replica-Lag"); attempt++)
        {
            await Task.Delay(100); // until the replica monitor has read the primary's horizon past that moment
            caughtUp = await reader.GetAsync($"/api/v1/sources?q={token}&recordedAsOf={now}");
        }
        HttpResponseMessage lagging;
        await using (await api.PauseReplayAsync())
        {
            await CreateSourceAsync(writer, $"Horizon again {token}");
            var moment = Moment(DateTimeOffset.UtcNow);
            await Task.Delay(500); // a horizon past that moment, if the monitor has read one, shows the replica lacks a write
            lagging = await reader.GetAsync($"/api/v1/sources?q={token}&recordedAsOf={moment}");
        }

        Assert.True(caughtUp.Headers.Contains("Replica-Lag"));
        Assert.Single((await caughtUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        Assert.False(lagging.Headers.Contains("Replica-Lag"));
        Assert.Equal(2, (await lagging.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_snapshot_link_taken_right_after_a_write_returns_the_write_while_the_replica_lags()
    {
        var writer = await WriterAsync();
        await CaughtUpAfterAWriteAsync(writer, "Warm-up");
        var reader = ClientFactory.Anonymous(api);
        await using (await api.PauseReplayAsync())
        {
            var id = await CreateSourceAsync(writer, "Cited right after writing");
            var own = await writer.GetAsync($"/api/v1/sources/{id}");
            var cited = await reader.GetAsync(SnapshotLink(own));

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(HttpStatusCode.OK, cited.StatusCode);
            Assert.Equal("Cited right after writing", (await cited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
            Assert.False(cited.Headers.Contains("Replica-Lag")); // the paused replica lacks it: the primary answered
        }
    }

    [Fact]
    public async Task A_client_reads_its_own_write_at_once_while_the_replica_is_paused()
    {
        var writer = await WriterAsync();
        await CaughtUpAfterAWriteAsync(writer, "Before the edit");
        await using (await api.PauseReplayAsync())
        {
            var token = Token();
            var id = await CreateSourceAsync(writer, $"Read back by its writer {token}");
            var byId = await writer.GetAsync($"/api/v1/sources/{id}");
            var listed = await writer.GetAsync($"/api/v1/sources?q={token}");
            var anonymous = await ClientFactory.Anonymous(api).GetAsync($"/api/v1/sources/{id}");

            Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
            Assert.Single((await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode); // another client may still read the lagging replica
        }
    }

    [Fact]
    public async Task A_client_that_saw_a_write_on_the_primary_does_not_see_it_vanish_when_a_lagging_replica_returns()
    {
        var writer = await WriterAsync();
        await CaughtUpAfterAWriteAsync(writer, "Before the delay");
        var reader = await ClientFactory.WithKeyAsync(api, $"reader-{Guid.NewGuid():N}", KeyScope.Read);
        HttpResponseMessage first, second, other;
        await using (await api.DelayReplayAsync())
        {
            var id = await CreateSourceAsync(writer, "Seen once, seen always");
            await api.Replica.Cluster.StopAsync();
            try
            {
                first = await reader.GetAsync($"/api/v1/sources/{id}"); // the primary, the only server left
            }
            finally
            {
                await api.Replica.Cluster.StartAsync();
            }
            await api.ServingAsync();
            second = await reader.GetAsync($"/api/v1/sources/{id}");
            other = await ClientFactory.Anonymous(api).GetAsync($"/api/v1/sources/{id}");
        }
        await api.CaughtUpAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Replica-Lag"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // the replica serves, still without the write
        Assert.True(other.Headers.Contains("Replica-Lag"));
    }

    [Fact]
    public async Task Writes_idempotency_and_key_bookkeeping_go_to_the_primary_while_reads_go_to_the_replica()
    {
        var name = $"bookkeeping-{Guid.NewGuid():N}";
        var writer = await ClientFactory.WithKeyAsync(api, name, KeyScope.Write);
        await CaughtUpAfterAWriteAsync(writer, "Bookkeeping warm-up");
        await using (await api.PauseReplayAsync())
        {
            var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources") { Content = JsonContent.Create(new { name = "Idempotent", kind = "media" }) };
            retry.Headers.Add("Idempotency-Key", name);
            var first = await writer.SendAsync(retry);
            var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources") { Content = JsonContent.Create(new { name = "Idempotent", kind = "media" }) };
            again.Headers.Add("Idempotency-Key", name);
            var replayed = await writer.SendAsync(again);

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal("true", Assert.Single(replayed.Headers.GetValues("Idempotent-Replayed")));
        }
        await api.CaughtUpAsync();
        await api.ServingAsync();
        var reader = await ClientFactory.WithKeyAsync(api, $"{name}-reader", KeyScope.Read);

        var read = await reader.GetAsync("/api/v1/sources?limit=1");

        Assert.True(read.Headers.Contains("Replica-Lag"));
        await using var primary = new NpgsqlConnection(api.OwnerConnectionString);
        await primary.OpenAsync();
        await using var lastUsed = new NpgsqlCommand("SELECT last_used_at IS NOT NULL FROM api_keys WHERE name = $1", primary) { Parameters = { new() { Value = $"{name}-reader" } } };
        Assert.Equal(true, await lastUsed.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_the_replica_stopped_reads_still_answer_from_the_primary_and_readiness_names_it()
    {
        var reader = ClientFactory.Anonymous(api);
        await api.ServingAsync();
        HttpResponseMessage read;
        string ready;
        await api.Replica.Cluster.StopAsync();
        try
        {
            read = await reader.GetAsync("/api/v1/sources");
            await Task.Delay(500);
            ready = await api.ReadinessFromLoopbackAsync();
        }
        finally
        {
            await api.Replica.Cluster.StartAsync();
        }

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Replica-Lag"));
        Assert.StartsWith("Degraded", ready, StringComparison.Ordinal);
        Assert.Contains("skipped, down", ready, StringComparison.Ordinal);
        await api.ServingAsync();
    }

    private static string Moment(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A word no other source has: the cluster keeps the sources of earlier runs.</summary>
    private static string Token() => $"t{Guid.NewGuid():N}";

    /// <summary>A write, then the replica has replayed it and the API reads from the replica.</summary>
    private async Task CaughtUpAfterAWriteAsync(HttpClient writer, string name)
    {
        await CreateSourceAsync(writer, name);
        await api.CaughtUpAsync();
        await api.ServingAsync();
    }

    private async Task<HttpClient> WriterAsync() => await ClientFactory.WithKeyAsync(api, $"writer-{Guid.NewGuid():N}", KeyScope.Write);

    private static async Task<string> CreateSourceAsync(HttpClient writer, string name)
    {
        var response = await writer.PostAsJsonAsync("/api/v1/sources", new { name, kind = "ngo" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static string SnapshotLink(HttpResponseMessage response)
    {
        var link = Assert.Single(response.Headers.GetValues("Link"));
        return new Uri(new Uri("http://localhost"), link[(link.IndexOf('<') + 1)..link.IndexOf('>')]).PathAndQuery;
    }
}
