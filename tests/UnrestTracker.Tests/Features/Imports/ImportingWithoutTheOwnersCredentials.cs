using Microsoft.AspNetCore.Hosting;
using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>The API as a deployment runs it once migrated: its own role only, the owner's credentials nowhere in the process.</summary>
public sealed class ApiRoleOnlyFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:UnrestMigrations", "");
        builder.UseSetting("Database:Migrate", "false");
    }
}

public sealed class ImportingWithoutTheOwnersCredentials(ApiRoleOnlyFactory api) : ImportTest(api), IClassFixture<ApiRoleOnlyFactory>
{
    [Fact]
    public async Task An_import_writes_its_rows_and_refreshes_the_planner_statistics_as_the_apis_own_role()
    {
        var report = await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), "?country=KZ");

        Assert.Equal(38, Count(report, "eventsCreated"));
        foreach (var table in new[] { "figure_versions", "event_figures_now", "events_now", "figure_status_now" })
        {
            // The reads of the new incident plan with these (the kept tables too: a fresh database's first aggregates otherwise planned for empty tables).
            Assert.True(await AnalyzedSinceAsync(table, report.GetProperty("startedAt").GetDateTimeOffset()), $"{table} was not analysed after the import");
        }
    }

    /// <summary>Whether a manual ANALYZE (not autovacuum's) of the table ended after <paramref name="start"/>; statistics arrive within a second or so.</summary>
    private async Task<bool> AnalyzedSinceAsync(string table, DateTimeOffset start)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1", connection) { Parameters = { new() { Value = table } } };
            if (await command.ExecuteScalarAsync() is DateTime at && new DateTimeOffset(at, TimeSpan.Zero) > start)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
