using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Roles;

/// <summary>
/// With the API's own credentials, raw SQL can add to history but cannot choose when it was recorded, skip a version,
/// or slip a version in without its change: transaction time is the database's to give.
/// </summary>
public sealed class TheDatabaseKeepsTransactionTime(ApiFactory api) : ApiTest(api)
{
    private const string BackDated = "TIMESTAMPTZ '2022-01-01 00:00:00Z'";

    private static string VersionOf(string id, int version, string title) => $"""
        INSERT INTO incident_versions (id, version, slug, title, summary, countries, start_date, tags, created_at, recorded_at, recorded_by)
        VALUES ('{id}', {version}, 'fuel-protests', '{title}', 'Rewritten.', ARRAY['KZ'], DATE '2022-01-02', ARRAY[]::text[], {BackDated}, {BackDated}, 'someone');
        """;

    private static string ChangeOf(string id) =>
        $"INSERT INTO changes (entity, entity_id, op, at, by) VALUES ('incident', '{id}', 'updated', {BackDated}, 'someone');";

    /// <summary>Runs <paramref name="sql"/> in one transaction as the API's role.</summary>
    private async Task RunAsApiAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand(sql, connection, transaction).ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private async Task<List<JsonElement>> VersionsAsync(string id) =>
        (await GetOkAsync($"/api/v1/incidents/{id}/versions")).GetProperty("items").EnumerateArray().ToList();

    private static DateTimeOffset RecordedAt(JsonElement version) => version.GetProperty("recordedAt").GetDateTimeOffset();

    [Fact]
    public async Task A_back_dated_version_without_its_change_is_refused_and_versions_show_nothing_of_it()
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString()!;

        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsApiAsync(VersionOf(id, 2, "Rewritten")));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Single(await VersionsAsync(id));
    }

    [Fact]
    public async Task A_version_with_its_change_is_recorded_now_whatever_time_it_claims_and_old_snapshots_stay_as_they_were()
    {
        var id = (await CreateIncidentAsync("Fuel protests")).GetProperty("id").GetString()!;
        var first = RecordedAt((await VersionsAsync(id))[0]);

        await RunAsApiAsync(VersionOf(id, 2, "Rewritten") + ChangeOf(id));

        var versions = await VersionsAsync(id);
        Assert.Equal(2, versions.Count);
        Assert.True(RecordedAt(versions[1]) > first, $"version 2 recorded at {RecordedAt(versions[1]):O}, version 1 at {first:O}");
        var then = await GetOkAsync($"/api/v1/incidents/{id}?recordedAsOf={first.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}");
        Assert.Equal("Fuel protests", then.GetProperty("title").GetString());
        var changes = await GetOkAsync("/api/v1/changes");
        Assert.All(changes.GetProperty("items").EnumerateArray(), c => Assert.True(c.GetProperty("at").GetDateTimeOffset() >= first));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public async Task A_version_that_does_not_follow_the_last_is_refused(int version)
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString()!;

        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsApiAsync(VersionOf(id, version, "Skipped") + ChangeOf(id)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Single(await VersionsAsync(id));
    }

    [Fact]
    public async Task Transaction_time_never_goes_back_even_when_the_clock_is_stepped_back()
    {
        var id = (await CreateIncidentAsync()).GetProperty("id").GetString()!;
        // What the last write left when the server's clock ran an hour ahead, since set right.
        var ahead = DateTimeOffset.UtcNow.AddHours(1);
        await OwnerScalarAsync("UPDATE history_clock SET at = $1 RETURNING at", ahead);
        var get = await Client.GetAsync($"/api/v1/incidents/{id}");

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}")
        {
            Content = JsonContent.Create(new { title = "Edited", summary = "Protests over fuel prices.", countries = new[] { "KZ" }, startDate = "2022-01-02" }),
        };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        var edited = await BodyOf((await Client.SendAsync(put)).EnsureSuccessStatusCode());

        // Recorded after the last write (not at the wall clock, an hour behind it), and reported as stored.
        var updatedAt = edited.GetProperty("updatedAt").GetDateTimeOffset();
        Assert.True(updatedAt > ahead, $"recorded at {updatedAt:O}, the last write at {ahead:O}");
        Assert.Equal(updatedAt, await OwnerScalarAsync($"SELECT recorded_at FROM incident_versions WHERE id = '{id}' AND version = 2"));
    }

    private async Task<DateTimeOffset> OwnerScalarAsync(string sql, object? parameter = null)
    {
        await using var owner = new NpgsqlConnection(Api.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand(sql, owner);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!);
    }
}
