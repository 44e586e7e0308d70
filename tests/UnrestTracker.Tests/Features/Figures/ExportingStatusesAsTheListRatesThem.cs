using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>
/// The figures CSV export rates every figure in one set-wise query (a rank per series and source); the figure list rates
/// them one by one (ClaimView.WithStatus). On the same claims, at the same moment, with the same filters, both must give
/// every figure the same status and source, in the same order.
/// </summary>
public sealed class ExportingStatusesAsTheListRatesThem(ApiFactory api) : ClaimsTest(api)
{
    private static readonly string[] Metrics = ["killed", "injured"];

    [Fact]
    public async Task The_export_rates_like_the_list_after_ties_supersessions_edits_retractions_and_withdrawals_at_every_moment()
    {
        string[] sources = [SourceId.ToString(), .. await Task.WhenAll(new[] { "media", "ngo" }.Select(async kind =>
            (await CreateSourceAsync($"A {kind}", kind)).GetProperty("id").GetString()!))];
        var random = new Random(2026);
        var statements = new List<JsonElement>();
        var moments = new List<string?>();
        for (var i = 0; i < 36; i++)
        {
            var figures = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => RandomFigure(random, statements)).ToArray();
            var body = Statement(RandomStatedAt(random), figures);
            body["sourceId"] = sources[random.Next(sources.Length)];
            statements.Add(await PostOkAsync("/api/v1/statements", body));
            if (i % 12 == 11)
            {
                moments.Add(await NowAsync());
            }
        }
        foreach (var statement in statements.Where((_, i) => i % 5 == 2))
        {
            await EditAsync(statement, RandomStatedAt(random), random);
        }
        moments.Add(await NowAsync());
        foreach (var statement in statements.Where((_, i) => i % 7 == 3))
        {
            Assert.True((await RetractAsync(statement, "2022-01-12T12:00:00Z")).IsSuccessStatusCode);
        }
        foreach (var statement in statements.Where((_, i) => i % 9 == 4))
        {
            Assert.True((await Client.DeleteAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}?reason=duplicate")).IsSuccessStatusCode);
        }
        moments.Add(null);

        var seen = new Dictionary<string, int>();
        foreach (var recordedAsOf in moments)
        {
            foreach (var asOf in new[] { null, "2022-01-10T09:30:00Z", "2022-01-11T10:00:00Z", "2022-01-12T11:00:00Z", "2022-01-12T23:00:00Z" })
            {
                var moment = (asOf is null ? "" : $"&asOf={asOf}") + (recordedAsOf is null ? "" : $"&recordedAsOf={Uri.EscapeDataString(recordedAsOf)}");
                foreach (var filter in new[] { "", "&status=current", "&status=superseded", "&status=retracted", "&metric=injured&sourceKind=media" })
                {
                    var query = $"?incident={IncidentId}{moment}{filter}";
                    var listed = (await GetOkAsync($"/api/v1/figures{query}&limit=1000")).GetProperty("items").EnumerateArray()
                        .Select(f => (Id: f.GetProperty("id").GetString()!, Status: f.GetProperty("status").GetString()!,
                            Source: f.GetProperty("source").GetProperty("name").GetString()!)).ToList();
                    var exported = (await ExportAsync($"/api/v1/figures{query}&format=csv"))
                        .Select(r => (Id: (string)r["id"], Status: (string)r["status"], Source: (string)r["sourceName"])).ToList();

                    Assert.Equal(listed, exported);
                    foreach (var row in listed)
                    {
                        seen[row.Status] = seen.GetValueOrDefault(row.Status) + 1;
                    }
                }
            }
        }
        Assert.All(new[] { "current", "superseded", "retracted" }, status => Assert.True(seen.GetValueOrDefault(status) > 10, $"{status}: {seen.GetValueOrDefault(status)}"));
    }

    /// <summary>Few distinct days and hours, so that ties on (asOf, statedAt) within a source happen.</summary>
    private static string RandomStatedAt(Random random) => $"2022-01-{10 + random.Next(3):00}T{9 + random.Next(2):00}:00:00Z";

    private static Dictionary<string, object?> RandomFigure(Random random, List<JsonElement> earlier)
    {
        var figure = Figure(random.Next(1, 300), Metrics[random.Next(Metrics.Length)]);
        if (random.Next(3) == 0)
        {
            figure["asOf"] = $"2022-01-{8 + random.Next(3):00}T00:00:00Z";
        }
        if (random.Next(4) == 0)
        {
            figure["scope"] = new { country = "KZ", admin1 = "Almaty" };
        }
        var candidates = earlier.SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Where(f => f.GetProperty("metric").GetString() == (string)figure["metric"]!).ToList();
        if (candidates.Count > 0 && random.Next(5) == 0)
        {
            figure["supersedes"] = candidates[random.Next(candidates.Count)].GetProperty("id").GetString();
        }
        return figure;
    }

    /// <summary>A fix: the statement's figures (same ids) get new values and the statement another statedAt.</summary>
    private async Task EditAsync(JsonElement statement, string statedAt, Random random)
    {
        var path = $"/api/v1/statements/{statement.GetProperty("id").GetString()}";
        var current = await Client.GetAsync(path);
        var body = Statement(statedAt, [.. statement.GetProperty("figures").EnumerateArray().Select(f =>
        {
            var figure = Figure(random.Next(1, 300), f.GetProperty("metric").GetString()!);
            figure["id"] = f.GetProperty("id").GetString();
            return figure;
        })]);
        body["sourceId"] = statement.GetProperty("sourceId").GetString();
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await Client.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<IDictionary<string, object>>> ExportAsync(string path)
    {
        using var reader = new CsvReader(new StringReader(await Client.GetStringAsync(path)), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }
}
