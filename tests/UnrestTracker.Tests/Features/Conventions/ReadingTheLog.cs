using System.Text;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class ReadingTheLog(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>, IAsyncLifetime
{
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await api.ResetAsync();
        _client = await ClientFactory.WriterAsync(api);
        api.Log.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"name":"Reuters","kind":"media","nmae":"typo"}""")]
    [InlineData("""{"name":"Reuters","kind":"madia"}""")]
    [InlineData("""{"name":"Reuters","kind":"media","parentId":1e400}""")]
    [InlineData("""{"name":""")]
    public async Task A_body_that_does_not_bind_is_logged_as_information_with_its_400_and_the_problem_s_trace_id(string body)
    {
        var response = await _client.PostAsync("/api/v1/sources", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        var traceId = (await Json(response)).GetProperty("traceId").GetString()!;
        var line = await api.Log.RequestLineAsync(traceId);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("400", line.Properties["StatusCode"].ToString());
        Assert.DoesNotContain(api.Log.Events, e => e.Level >= LogEventLevel.Warning);
    }

    [Fact]
    public async Task An_export_the_client_abandons_is_logged_as_information_not_as_a_server_error()
    {
        await InsertManyEventsAsync();

        var response = await _client.GetAsync("/api/v1/events?format=csv", HttpCompletionOption.ResponseHeadersRead);
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            await body.ReadExactlyAsync(new byte[4096]);
        }
        response.Dispose();

        var line = await RequestLineOfAsync("/api/v1/events");
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Contains("closed the connection", line.RenderMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(api.Log.Events, e => e.Level >= LogEventLevel.Error);
    }

    private async Task<LogEvent> RequestLineOfAsync(string path)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var line = api.Log.Events.FirstOrDefault(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
                && e.Properties["RequestPath"].ToString() == $"\"{path}\"");
            if (line is not null)
            {
                return line;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"No request line for {path} was logged.");
    }

    private async Task InsertManyEventsAsync()
    {
        var incident = Guid.CreateVersion7();
        await api.AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO incident_versions (id, version, slug, title, summary, countries, start_date, tags, created_at, recorded_at, recorded_by)
            VALUES ({incident}, 1, 'big', 'Big', 'Big.', ARRAY['KZ'], DATE '2022-01-01', ARRAY[]::text[], now(), now(), 'test');
            INSERT INTO changes (entity, entity_id, op, at, by) VALUES ('incident', {incident}, 'created', now(), 'test');
            WITH e AS (INSERT INTO event_versions (id, version, incident_id, date, date_precision, type, title, description, country,
                location_precision, actors, tags, source_ids, external_refs, external_keys, created_at, recorded_at, recorded_by)
            SELECT gen_random_uuid(), 1, {incident}, DATE '2022-01-01' + (n % 30), 'day', 'protests', 'Event ' || n,
                repeat('A long description. ', 100), 'KZ', 'exact', ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::uuid[],
                '[]', ARRAY[]::text[], now() - interval '1 minute', now() - interval '1 minute', 'test'
            FROM generate_series(1, 5000) AS n
            RETURNING id)
            INSERT INTO changes (entity, entity_id, op, at, by) SELECT 'event', id, 'created', now(), 'test' FROM e
            """));
    }

    private static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response) =>
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
