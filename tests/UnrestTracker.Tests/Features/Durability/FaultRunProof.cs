using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace UnrestTracker.Tests.Features.Durability;

/// <summary>
/// What must hold after a fault run, each as a list of what broke it (empty when it holds): read
/// through the API where a user would look, and as the owner where only the database can say.
/// </summary>
public sealed class FaultRunProof(HttpClient client, string ownerConnectionString)
{
    private const string Snapshot = "fault_run_snapshot";

    /// <summary>Copies every append-only table (those with a <c>*_append_only</c> trigger) aside, to compare with later.</summary>
    public async Task SnapshotHistoryAsync()
    {
        var sql = $"DROP SCHEMA IF EXISTS {Snapshot} CASCADE; CREATE SCHEMA {Snapshot};" +
            string.Concat((await HistoryTablesAsync()).Select(t => $"CREATE TABLE {Snapshot}.{t} AS TABLE public.{t};"));
        await ExecuteAsync(sql);
    }

    /// <summary>Every row of the snapshot is still there, byte for byte: history changed only by inserts.</summary>
    public async Task<List<string>> HistoryOnlyGrewAsync()
    {
        var broken = new List<string>();
        foreach (var table in await HistoryTablesAsync())
        {
            var missing = await ScalarAsync<long>($"SELECT count(*) FROM (TABLE {Snapshot}.{table} EXCEPT ALL TABLE public.{table}) AS gone");
            if (missing > 0)
            {
                broken.Add($"{table}: {missing} row(s) changed or gone since the snapshot");
            }
        }
        return broken;
    }

    public async Task<List<string>> EveryAcknowledgedWriteIsPresentWithItsFiguresAsync(IEnumerable<Acknowledged> acknowledged)
    {
        var broken = new List<string>();
        foreach (var ack in acknowledged)
        {
            using var response = await client.GetAsync($"/api/v1/statements/{ack.StatementId}");
            if (!response.IsSuccessStatusCode)
            {
                broken.Add($"{ack.Key}: GET answered {(int)response.StatusCode}");
                continue;
            }
            var figures = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures");
            if (figures.GetArrayLength() != 1 || figures[0].GetProperty("value").GetDecimal() != ack.Value)
            {
                broken.Add($"{ack.Key}: figures {figures}, sent {ack.Value}");
            }
        }
        return broken;
    }

    /// <summary>As many statements in the incident as keys sent, each key's statement distinct.</summary>
    public async Task<List<string>> EveryKeyCreatedOneStatementAsync(Guid incidentId, ICollection<Acknowledged> acknowledged)
    {
        var statements = await ScalarAsync<long>($"SELECT count(DISTINCT id) FROM statement_versions WHERE incident_id = '{incidentId}'");
        var distinct = acknowledged.Select(a => a.StatementId).Distinct().Count();
        return statements == acknowledged.Count && distinct == acknowledged.Count
            ? []
            : [$"{acknowledged.Count} keys acknowledged, {distinct} distinct statements acknowledged, {statements} statements stored"];
    }

    /// <summary>The feed after <paramref name="afterSeq"/> names each acknowledged statement once, in the order the writes committed.</summary>
    public async Task<List<string>> TheChangeFeedHoldsEachWriteOnceInCommitOrderAsync(long afterSeq, Guid incidentId, ICollection<Acknowledged> acknowledged)
    {
        var ours = acknowledged.Select(a => a.StatementId).ToHashSet();
        var fed = new List<Guid>();
        for (var after = afterSeq; ;)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={after}&limit=1000")).GetProperty("items");
            if (items.GetArrayLength() == 0)
            {
                break;
            }
            fed.AddRange(items.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Where(ours.Contains));
            after = items[items.GetArrayLength() - 1].GetProperty("seq").GetInt64();
        }
        var committed = await ListAsync<Guid>($"SELECT id FROM statement_versions WHERE incident_id = '{incidentId}' AND version = 1 ORDER BY recorded_at");
        var broken = new List<string>();
        if (fed.Count != ours.Count || fed.Distinct().Count() != fed.Count)
        {
            broken.Add($"{ours.Count} acknowledged statements, {fed.Count} feed entries for them ({fed.Distinct().Count()} distinct)");
        }
        if (!fed.SequenceEqual(committed.Where(ours.Contains)))
        {
            broken.Add("the feed's order differs from the order the statements were recorded in");
        }
        return broken;
    }

    public async Task<long> LastSeqAsync() => await ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM changes");

    private async Task<List<string>> HistoryTablesAsync() =>
        await ListAsync<string>("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE '%\\_append\\_only' ORDER BY 1");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    /// <summary>Not pooled: the server was stopped and killed under the run, and a pooled connection from before is dead.</summary>
    private string Unpooled => new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        return (T)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }

    private async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }
}
