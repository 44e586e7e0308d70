using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.ScalingOut;

/// <summary>
/// A standby cancels a query whose snapshot or locks stand in the way of replaying newer writes (SQLSTATE 40001,
/// "canceling statement due to conflict with recovery"). The replica here is made to answer every read of
/// incidents that way (its connection finds a view of that name first), deterministically.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SurvivingARecoveryConflict(ScaleOutApiFactory api)
{
    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_read_the_replica_cancels_for_a_recovery_conflict_is_answered_by_the_primary()
    {
        var role = new NpgsqlConnectionStringBuilder(api.ConnectionString).Username;
        await RunAsync(api.OwnerConnectionString, $"""
            CREATE SCHEMA IF NOT EXISTS recovery_conflict;
            CREATE OR REPLACE FUNCTION recovery_conflict.cancel() RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                IF pg_is_in_recovery() THEN
                    RAISE EXCEPTION 'canceling statement due to conflict with recovery' USING ERRCODE = 'serialization_failure';
                END IF;
                RETURN true;
            END $$;
            CREATE OR REPLACE VIEW recovery_conflict.incident_versions AS SELECT * FROM public.incident_versions WHERE recovery_conflict.cancel();
            GRANT USAGE ON SCHEMA recovery_conflict TO "{role}";
            GRANT SELECT ON recovery_conflict.incident_versions TO "{role}";
            """);
        var writer = await ClientFactory.WithKeyAsync(api, $"conflict-{Guid.NewGuid():N}", KeyScope.Write);
        var slug = $"conflict-{Guid.NewGuid():N}"[..24];
        (await writer.PostAsJsonAsync("/api/v1/incidents", new { title = "Fuel protests", slug, summary = "Protests.", countries = new[] { "KZ" }, startDate = "2022-01-02" }))
            .EnsureSuccessStatusCode();
        await api.CaughtUpAsync();
        await using var conflicted = new ConflictedReplicaApiFactory(api);
        await conflicted.InitializeAsync();
        var reader = ClientFactory.Anonymous(conflicted);
        await ScaleOutApiFactory.ServingAsync(conflicted);

        var read = await reader.GetAsync($"/api/v1/incidents/{slug}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Replica-Lag"), "the replica answered");
        Assert.Equal(slug, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString());
    }

    /// <summary>The scale-out pair again, its replica asked with <c>recovery_conflict</c> first on the search path.</summary>
    private sealed class ConflictedReplicaApiFactory : ApiFactory
    {
        private readonly TestConnections _connections;

        public ConflictedReplicaApiFactory(ScaleOutApiFactory scaleOut)
        {
            _connections = new(scaleOut.OwnerConnectionString, scaleOut.ConnectionString);
            foreach (var (key, value) in scaleOut.Settings)
            {
                Settings[key] = value;
            }
            Settings["ConnectionStrings:UnrestReplicas"] = string.Create(CultureInfo.InvariantCulture,
                $"{scaleOut.Settings["ConnectionStrings:UnrestReplicas"]};Search Path=recovery_conflict,public");
        }

        protected override Task<TestConnections> ConnectionsAsync() => Task.FromResult(_connections);
    }
}
