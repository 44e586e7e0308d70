using System.Text.Json;
using Npgsql;
using UnrestTracker.Api.Features.ReadModel;
using UnrestTracker.Tests.Features.Imports;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.ReadModel;

/// <summary>The import writes figures with COPY batches: the statement-level triggers keep "now" for each batch.</summary>
public sealed class KeepingNowThroughAnImport(ApiFactory api) : ImportTest(api)
{
    [Fact]
    public async Task An_import_keeps_the_statuses_equal_to_the_definition_and_the_demo_answers_as_before()
    {
        await Api.LoadDemoAsync();

        await ImportOkAsync("acled", SampleData.Path("acled_sample.csv"), "?incident=kazakhstan-2022-01&country=KZ&from=2022-01-01&to=2022-01-31");

        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();
        Assert.Empty(await StatusNow.DifferencesAsync(connection, CancellationToken.None));
        var killed = (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed")).GetProperty("items")
            .EnumerateArray().Single(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null && r.GetProperty("scope").ValueKind == JsonValueKind.Null);
        Assert.Equal(225m, killed.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.True(killed.GetProperty("eventSums").GetArrayLength() > 0);
    }
}
