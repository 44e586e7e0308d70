using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Thousands of statements with a figure each straight into the tables (far faster than POSTs), and a look at what PostgreSQL is running.</summary>
public static class ManyClaims
{
    /// <summary>Returns the figures inserted (each statement with its change, as history requires). Statements a minute apart from 2022-01-01, each about 2 kB of summary, with one killed figure whose place is about 2 kB.</summary>
    /// <remarks>Own connection with a generous timeout: the API's 5 s command timeout is too short for this on a busy machine.</remarks>
    public static async Task<int> InsertAsync(ApiFactory api, Guid incidentId, Guid sourceId, int rows)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
        WITH s AS (
            INSERT INTO statement_versions (id, version, incident_id, source_id, stated_at, summary, language, external_refs, external_keys,
                created_at, recorded_at, recorded_by)
            SELECT gen_random_uuid(), 1, @incident, @source, TIMESTAMPTZ '2022-01-01 00:00:00Z' + n * INTERVAL '1 minute',
                'Statement ' || n || '. ' || repeat('A long summary. ', 120), 'en', '[]', ARRAY[]::text[],
                now() - INTERVAL '1 minute', now() - INTERVAL '1 minute', 'test'
            FROM generate_series(1, @rows) AS n
            RETURNING id, stated_at
        ), logged AS (
            INSERT INTO changes (entity, entity_id, op, at, by) SELECT 'statement', id, 'created', now(), 'test' FROM s
        )
        INSERT INTO figure_versions (id, version, statement_id, ordinal, metric, value, qualifier, unit, scope_country, scope_place,
            as_of, incident_id, source_id, stated_at, series_key, created_at, recorded_at, recorded_by)
        SELECT gen_random_uuid(), 1, s.id, 0, 'killed', 100 + extract(epoch FROM s.stated_at)::bigint % 1000, 'exact', 'people', 'KZ',
            repeat('Somewhere ', 200), s.stated_at, @incident, @source, s.stated_at,
            series_key_of(@incident, NULL, 'killed', NULL, 'KZ', NULL, repeat('Somewhere ', 200), 'people'), now() - INTERVAL '1 minute', now() - INTERVAL '1 minute', 'test'
        FROM s
        """, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("incident", incidentId);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("rows", rows);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many queries mentioning <paramref name="fragment"/> the server is running right now (other than this one).</summary>
    public static async Task<long> RunningQueriesAsync(ApiFactory api, string fragment)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%' || @fragment || '%'
            """, connection);
        command.Parameters.AddWithValue("fragment", fragment);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
