using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>The API on a database of its own, so that migrating it down and up again disturbs no other test.</summary>
public sealed class UpgradeApiFactory : ApiFactory
{
    private readonly string _database = $"unrest_upgrade_{Guid.NewGuid():N}";
    private string _admin = "";

    protected override async Task<TestConnections> ConnectionsAsync()
    {
        var shared = await TestDatabase.ConnectionsAsync();
        _admin = shared.Owner;
        await ExecuteAsync(_admin, $"CREATE DATABASE {_database}");
        return new TestConnections(
            new NpgsqlConnectionStringBuilder(shared.Owner) { Database = _database }.ConnectionString,
            new NpgsqlConnectionStringBuilder(shared.Api) { Database = _database }.ConnectionString);
    }

    public async Task MigrateToAsync(string? migration)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        db.Database.SetConnectionString(OwnerConnectionString);
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    protected override async Task OnDisposedAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}

public sealed class UpgradingToEventLevelSeries(UpgradeApiFactory api) : IClassFixture<UpgradeApiFactory>
{
    private async Task<Dictionary<Guid, string>> SeriesKeysAsync() => await api.WithDbAsync(db => db.Database
        .SqlQuery<KeyRow>($"SELECT id AS \"Id\", series_key AS \"Key\" FROM figure_versions").ToDictionaryAsync(r => r.Id, r => r.Key));

    private sealed record KeyRow(Guid Id, string Key);

    [Fact]
    public async Task Figures_recorded_before_the_upgrade_move_into_their_events_series_while_incident_wide_keys_keep_their_old_form()
    {
        var client = await ClientFactory.WriterAsync(api);
        async Task<JsonElement> Post(string path, object body) =>
            JsonDocument.Parse(await (await client.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.Clone();
        var incident = (await Post("/api/v1/incidents", new { title = "Fuel protests", summary = "Protests.", countries = new[] { "KZ" }, startDate = "2022-01-02" })).GetProperty("id").GetGuid();
        var source = (await Post("/api/v1/sources", new { name = "ACLED", kind = "ngo" })).GetProperty("id").GetGuid();
        var riot = (await Post("/api/v1/events", new { incidentId = incident, date = "2022-01-05", type = "riots", title = "Riot", location = new { country = "KZ", precision = "country" } })).GetProperty("id").GetGuid();
        var figure = new { metric = "killed", qualifier = "exact", value = 12, unit = "people" };
        var counted = await Post("/api/v1/statements", new { incidentId = incident, eventId = riot, sourceId = source, statedAt = "2022-01-06T00:00:00Z", summary = "12 killed.", figures = new[] { figure } });
        var toll = await Post("/api/v1/statements", new { incidentId = incident, sourceId = source, statedAt = "2022-01-10T00:00:00Z", summary = "164 killed.", figures = new[] { figure with { value = 164 } } });
        var (eventFigure, wideFigure) = (counted.GetProperty("figures")[0].GetProperty("id").GetGuid(), toll.GetProperty("figures")[0].GetProperty("id").GetGuid());
        var oldForm = $"{incident:N}|killed|||||people";

        // Down to the migration before EventLevelSeries: the figures are then as the code of that time wrote them.
        await api.MigrateToAsync("20261125095815_BenchIndexes");
        var before = await SeriesKeysAsync();
        await api.MigrateToAsync(null);
        var after = await SeriesKeysAsync();
        var read = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/figures/{eventFigure}")).RootElement;
        var series = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/figures")).RootElement.GetProperty("items")[0];

        Assert.Equal((oldForm, oldForm), (before[eventFigure], before[wideFigure]));
        Assert.Equal((oldForm + $"|{riot:N}", oldForm), (after[eventFigure], after[wideFigure]));
        Assert.Equal(riot, read.GetProperty("eventId").GetGuid());
        Assert.Equal(164m, series.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal(12m, series.GetProperty("eventSums")[0].GetProperty("value").GetDecimal());
        var refused = await Assert.ThrowsAsync<PostgresException>(() => UpgradeApiFactory.ExecuteAsync(api.OwnerConnectionString, "UPDATE figure_versions SET value = 1"));
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }
}
