using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class StreamingALargeExport(ApiFactory api) : EventTest(api)
{
    private const int Rows = 5000;

    /// <summary>Thousands of events straight into the table (about 10 MB of CSV), far faster than POSTs.</summary>
    private Task InsertManyAsync() => Api.AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"""
        WITH e AS (INSERT INTO event_versions (id, version, incident_id, date, date_precision, type, title, description, country,
            latitude, longitude, location_precision, actors, tags, source_ids, external_refs, external_keys,
            created_at, recorded_at, recorded_by)
        SELECT gen_random_uuid(), 1, {Guid.Parse(IncidentId)}, DATE '2022-01-01' + (n % 30), 'day', 'protests', 'Event ' || n,
            repeat('A long description. ', 100), 'KZ', 43 + n / 10000.0, 76 + n / 10000.0, 'exact', ARRAY['Protesters'], ARRAY[]::text[], ARRAY[]::uuid[],
            '[]', ARRAY[]::text[], now() - interval '1 minute', now() - interval '1 minute', 'test'
        FROM generate_series(1, {Rows}) AS n
        RETURNING id)
        INSERT INTO changes (entity, entity_id, op, at, by) SELECT 'event', id, 'created', now(), 'test' FROM e
        """));

    /// <summary>How many queries on event_versions the server is running right now (other than this one).</summary>
    private async Task<long> RunningExportQueriesAsync()
    {
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%FROM event_versions%'
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("geojson")]
    public async Task The_first_bytes_arrive_while_the_database_is_still_sending_rows(string format)
    {
        await InsertManyAsync();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await Client.GetAsync($"/api/v1/events?format={format}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[4096];
        var read = await body.ReadAsync(first);
        var runningAfterFirstChunk = await RunningExportQueriesAsync();
        // The server runs in this process: mid-export it holds a few buffers, not the export (~10 MB of UTF-8, twice that as strings).
        var heldMidExport = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        using var rest = new MemoryStream();
        rest.Write(first, 0, read);
        await body.CopyToAsync(rest);

        Assert.True(read > 0);
        Assert.Equal(1, runningAfterFirstChunk);
        Assert.True(heldMidExport < 6_000_000, $"{heldMidExport} bytes held mid-export");
        Assert.True(rest.Length > 5_000_000, $"only {rest.Length} bytes");
        Assert.Equal(0, await RunningExportQueriesAsync());
    }

    [Fact]
    public async Task Every_row_arrives_once_in_date_order()
    {
        await InsertManyAsync();

        using var response = await Client.GetAsync("/api/v1/events?format=csv&limit=10", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new CsvReader(new StreamReader(await response.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Select(r => (Id: (string)r["id"], Date: (string)r["date"])).ToList();

        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Rows, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(rows.Select(r => r.Date).Order(StringComparer.Ordinal), rows.Select(r => r.Date));
    }
}
