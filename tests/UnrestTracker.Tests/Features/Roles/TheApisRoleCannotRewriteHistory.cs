using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Roles;

/// <summary>What the API's own connection could do if a bug or an injection misused it: add, never rewrite.</summary>
public sealed class TheApisRoleCannotRewriteHistory(ApiFactory api) : ApiTest(api)
{
    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        return await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
    }

    private async Task<int> RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("UPDATE figure_versions SET value = 1")]
    [InlineData("DELETE FROM statement_versions")]
    [InlineData("UPDATE incident_versions SET title = 'rewritten'")]
    [InlineData("DELETE FROM changes")]
    [InlineData("TRUNCATE retractions")]
    [InlineData("TRUNCATE incident_versions CASCADE")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE figure_versions DISABLE TRIGGER figure_versions_append_only")]
    [InlineData("DROP TRIGGER changes_append_only ON changes")]
    [InlineData("CREATE TABLE scratch (id int)")]
    [InlineData("INSERT INTO history_clock (tx, at) VALUES ('0', 'infinity')")]
    [InlineData("INSERT INTO series_revisions (series_key, source_id, recorded_at, stated_at, delta, moved, total, source_total, max_lag) VALUES ('k', gen_random_uuid(), '2000-01-01', '2000-01-01', 1, false, 1, 1, '0')")]
    [InlineData("INSERT INTO figure_series (series_key, incident_id, metric, unit, recorded_at) VALUES ('k', gen_random_uuid(), 'killed', 'people', '2000-01-01')")]
    [InlineData("UPDATE import_reports SET rows = 0")]
    [InlineData("DELETE FROM import_reports")]
    [InlineData("UPDATE import_runs SET file_name = 'rewritten'")]
    [InlineData("DELETE FROM import_runs")]
    public async Task The_api_role_is_refused_anything_but_reading_and_adding_history(string sql)
    {
        await CreateIncidentAsync();

        var error = await RefusedAsync(sql);

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_api_role_may_still_update_and_delete_its_bookkeeping()
    {
        await CreateIncidentAsync();

        await RunAsync(Api.ConnectionString, "UPDATE api_keys SET last_used_at = now()");
        await RunAsync(Api.ConnectionString, "DELETE FROM idempotency_records WHERE created_at < now() - interval '1 day'");
    }

    [Fact]
    public async Task A_table_a_later_migration_adds_is_readable_and_insertable_by_the_api_and_nothing_more()
    {
        await RunAsync(Api.OwnerConnectionString, "DROP TABLE IF EXISTS later_report; CREATE TABLE later_report (id int)");
        try
        {
            Assert.Equal(1, await RunAsync(Api.ConnectionString, "INSERT INTO later_report VALUES (1)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync("UPDATE later_report SET id = 2")).SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync("TRUNCATE later_report")).SqlState);
        }
        finally
        {
            await RunAsync(Api.OwnerConnectionString, "DROP TABLE later_report");
        }
    }

    [Fact]
    public async Task An_import_report_is_provenance_that_not_even_the_owner_may_rewrite()
    {
        using var csv = new StringContent("event_id_cnty,deleted_timestamp\nKAZ0000,1650000000\n", System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await Client.PostAsync("/api/v1/imports/acled-deletions", csv)).StatusCode);

        var update = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(Api.OwnerConnectionString, "UPDATE import_reports SET rows = 0"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(Api.OwnerConnectionString, "DELETE FROM import_runs"));

        Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege), (update.SqlState, delete.SqlState));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_says_nothing_about_unprotected_history_when_the_api_serves_as_its_own_role()
    {
        var ready = await Client.GetAsync("/health/ready");

        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
