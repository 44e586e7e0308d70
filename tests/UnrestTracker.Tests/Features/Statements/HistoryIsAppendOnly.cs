using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class HistoryIsAppendOnly(ApiFactory api) : ClaimsTest(api)
{
    [Theory]
    [InlineData("UPDATE statement_versions SET summary = 'rewritten'")]
    [InlineData("DELETE FROM statement_versions")]
    [InlineData("UPDATE figure_versions SET value = 1")]
    [InlineData("DELETE FROM figure_versions")]
    [InlineData("UPDATE retractions SET reason = 'never happened'")]
    [InlineData("DELETE FROM retractions")]
    [InlineData("DELETE FROM tombstones")]
    public async Task The_database_refuses_to_rewrite_claims(string sql)
    {
        var created = await StateAsync();
        await RetractAsync(created);
        await Client.DeleteAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}?reason=duplicate");
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }
}
