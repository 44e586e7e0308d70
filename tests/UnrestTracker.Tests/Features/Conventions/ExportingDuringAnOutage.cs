using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Tests.Features.Events;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class ExportingWhilePostgresIsDown(OutageApiFactory api) : IClassFixture<OutageApiFactory>
{
    [Theory]
    [InlineData("events?format=csv")]
    [InlineData("events?format=geojson")]
    [InlineData("statements?format=csv")]
    [InlineData("figures?format=csv")]
    public async Task An_export_is_a_503_problem_not_an_empty_file(string list)
    {
        var reader = ClientFactory.Anonymous(api);

        await api.Cluster.StopAsync();
        HttpResponseMessage export;
        try
        {
            export = await reader.GetAsync($"/api/v1/{list}");
        }
        finally
        {
            await api.Cluster.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(export.Headers.RetryAfter);
    }
}

public sealed class ExportingWhenPostgresFailsMidStream(ApiFactory api) : EventTest(api)
{
    private Task InsertManyAsync() => Api.AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"""
        WITH e AS (INSERT INTO event_versions (id, version, incident_id, date, date_precision, type, title, description, country,
            latitude, longitude, location_precision, actors, tags, source_ids, external_refs, external_keys,
            created_at, recorded_at, recorded_by)
        SELECT gen_random_uuid(), 1, {Guid.Parse(IncidentId)}, DATE '2022-01-01' + (n % 30), 'day', 'protests', 'Event ' || n,
            repeat('A long description. ', 100), 'KZ', 43, 76, 'exact', ARRAY['Protesters'], ARRAY[]::text[], ARRAY[]::uuid[],
            '[]', ARRAY[]::text[], now() - interval '1 minute', now() - interval '1 minute', 'test'
        FROM generate_series(1, 5000) AS n
        RETURNING id)
        INSERT INTO changes (entity, entity_id, op, at, by) SELECT 'event', id, 'created', now(), 'test' FROM e
        """));

    /// <summary>Ends the backend running the export, as a crash or an administrator's shutdown would.</summary>
    private async Task TerminateExportQueryAsync()
    {
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%FROM event_versions%'
            """, connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("geojson")]
    public async Task The_client_sees_a_failed_transfer_not_a_clean_end_of_a_truncated_file(string format)
    {
        await InsertManyAsync();
        using var response = await Client.GetAsync($"/api/v1/events?format={format}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[4096];
        Assert.True(await body.ReadAsync(first) > 0);

        await TerminateExportQueryAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null));
    }
}
