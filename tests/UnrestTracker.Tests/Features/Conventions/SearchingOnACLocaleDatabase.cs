using System.Net.Http.Json;
using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// The API migrated into a database created with the C locale (libc provider), where PostgreSQL's own
/// lower() folds ASCII only: search must not depend on the database's locale.
/// </summary>
public sealed class CLocaleApiFactory : ApiFactory
{
    private const string Database = "unrest_c_locale";

    protected override async Task<TestConnections> ConnectionsAsync()
    {
        var shared = await TestDatabase.ConnectionsAsync();
        var admin = new NpgsqlConnectionStringBuilder(shared.Owner) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS {Database} WITH (FORCE); "
            + $"CREATE DATABASE {Database} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C'", connection);
        await create.ExecuteNonQueryAsync();
        return new TestConnections(
            new NpgsqlConnectionStringBuilder(shared.Owner) { Database = Database }.ConnectionString,
            new NpgsqlConnectionStringBuilder(shared.Api) { Database = Database }.ConnectionString);
    }
}

public sealed class SearchingOnACLocaleDatabase(CLocaleApiFactory api) : IClassFixture<CLocaleApiFactory>
{
    [Fact]
    public async Task Search_folds_every_script_where_the_database_lowercases_only_ascii()
    {
        await api.ResetAsync();
        var client = await ClientFactory.WriterAsync(api);
        var incident = await client.PostAsJsonAsync("/api/v1/incidents",
            new { title = "Жаңаөзен", summary = "\u200Fالرمادي; café", countries = new[] { "KZ" }, startDate = "2022-01-02" });
        incident.EnsureSuccessStatusCode();

        foreach (var q in new[] { "жаңаөзен", "ЖАҢАӨЗЕН", "الرَّمَادِي", "CAFE" })
        {
            var page = await client.GetStringAsync($"/api/v1/incidents?q={Uri.EscapeDataString(q)}");
            Assert.Contains("Жаңаөзен", page, StringComparison.Ordinal);
        }
    }
}
