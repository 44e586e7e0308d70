using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>
/// <c>revisionCount</c> is kept at write time; whatever the history, it must say what a recount of the figure list says
/// (the series' figures at the moment asked, retracted ones included, withdrawn ones not), at any asOf and recordedAsOf.
/// </summary>
public sealed class CountingRevisions(ApiFactory api) : ClaimsTest(api)
{
    private static readonly string[] Metrics = ["killed", "injured"];
    private static readonly string?[] Regions = [null, "Almaty", "Mangystau"];

    [Fact]
    public async Task Revision_counts_agree_with_a_recount_after_edits_retractions_and_withdrawals_at_every_moment()
    {
        var media = (await CreateSourceAsync("Vlast.kz", "media")).GetProperty("id").GetGuid();
        var random = new Random(12);
        var moments = new List<string>();
        var statements = new List<JsonElement>();
        for (var i = 0; i < 24; i++)
        {
            // Mostly in January 2022, one stated in the future (recorded before it is stated).
            var statedAt = i == 7 ? "2031-05-01T00:00:00Z" : $"2022-01-{1 + random.Next(28):00}T{random.Next(24):00}:00:00Z";
            var body = Statement(statedAt, RandomFigure(random), RandomFigure(random));
            body["sourceId"] = random.Next(3) == 0 ? media : SourceId;
            statements.Add(await PostOkAsync("/api/v1/statements", body));
            if (i % 6 == 5)
            {
                moments.Add(await NowAsync());
            }
        }
        for (var i = 0; i < statements.Count; i += 4)
        {
            await EditAsync(statements[i], $"2022-01-{2 + random.Next(27):00}T08:00:00Z", random);
        }
        moments.Add(await NowAsync());
        foreach (var statement in statements.Where((_, i) => i % 5 == 1))
        {
            await RetractAsync(statement, "2022-02-01T00:00:00Z");
        }
        foreach (var statement in statements.Where((_, i) => i % 6 == 2 || i == 4))
        {
            var deleted = await Client.DeleteAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}?reason=duplicate");
            Assert.True(deleted.IsSuccessStatusCode);
        }
        await EditAsync(statements[5], "2022-01-03T00:00:00Z", random);
        moments.Add(await NowAsync());

        string?[] asOfs = [null, "2022-01-05T00:00:00Z", "2022-01-15T12:00:00Z", "2022-01-31T00:00:00Z", "2031-06-01T00:00:00Z"];
        var compared = 0;
        foreach (var recordedAsOf in moments.Append(null))
        {
            foreach (var asOf in asOfs)
            {
                var moment = string.Join('&', new[] { asOf is null ? null : $"asOf={asOf}", recordedAsOf is null ? null : $"recordedAsOf={Uri.EscapeDataString(recordedAsOf)}" }
                    .Where(p => p is not null));
                foreach (var kind in new[] { null, "media" })
                {
                    var filter = kind is null ? moment : $"{moment}&sourceKind={kind}";
                    var counted = await CountsAsync($"/api/v1/incidents/{IncidentId}/figures?limit=1000&{filter}");
                    var recounted = await RecountAsync($"/api/v1/figures?incident={IncidentId}&level=incident&limit=1000&{moment}", kind);
                    Assert.Equal(recounted, counted);
                    compared += recounted.Count;
                }
            }
        }
        Assert.True(compared > 100, $"only {compared} series compared");
    }

    private Dictionary<string, object?> RandomFigure(Random random)
    {
        var figure = Figure(random.Next(1, 500), Metrics[random.Next(Metrics.Length)]);
        if (Regions[random.Next(Regions.Length)] is { } region)
        {
            figure["scope"] = new { country = "KZ", admin1 = region };
        }
        return figure;
    }

    /// <summary>A fix that moves the statement's figures to another statedAt and, now and then, to another series.</summary>
    private async Task EditAsync(JsonElement statement, string statedAt, Random random)
    {
        var path = $"/api/v1/statements/{statement.GetProperty("id").GetString()}";
        var current = await Client.GetAsync(path);
        var body = Statement(statedAt, [.. statement.GetProperty("figures").EnumerateArray().Select(f =>
        {
            var figure = RandomFigure(random);
            figure["id"] = f.GetProperty("id").GetString();
            return figure;
        })]);
        body["sourceId"] = statement.GetProperty("sourceId").GetGuid();
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await Client.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, int>> CountsAsync(string path) =>
        (await GetOkAsync(path)).GetProperty("items").EnumerateArray()
            .ToDictionary(row => SeriesOf(row), row => row.GetProperty("revisionCount").GetInt32());

    private async Task<Dictionary<string, int>> RecountAsync(string path, string? kind) =>
        (await GetOkAsync(path)).GetProperty("items").EnumerateArray()
            .Where(f => kind is null || f.GetProperty("source").GetProperty("kind").GetString() == kind)
            .GroupBy(f => SeriesOf(f))
            .ToDictionary(g => g.Key, g => g.Count());

    private static string SeriesOf(JsonElement item) => string.Join('|',
        item.GetProperty("metric").GetString(), Text(item, "subject"), Text(item, "scope", "country"), Text(item, "scope", "admin1"),
        Text(item, "scope", "place"), item.GetProperty("unit").GetString());

    private static string Text(JsonElement item, params string[] path)
    {
        foreach (var name in path)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out item))
            {
                return "";
            }
        }
        return item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
    }
}
