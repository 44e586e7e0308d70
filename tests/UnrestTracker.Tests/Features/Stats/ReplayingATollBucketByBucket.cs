using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>Over-time answers all its buckets at once; each must still be what the series row said at the bucket's end.</summary>
public sealed class ReplayingATollBucketByBucket(ApiFactory api) : ClaimsTest(api)
{
    private string OverTime => $"/api/v1/incidents/{IncidentId}/figures/over-time?metric=killed&interval=day";

    private static List<string?> Statuses(JsonElement answer) => Buckets(answer)
        .Select(b => b.GetProperty("perSource").EnumerateArray().Select(f => f.GetProperty("status").GetString()).FirstOrDefault()).ToList();

    private static List<decimal?> Headlines(JsonElement answer) => Buckets(answer)
        .Select(b => b.GetProperty("headline").ValueKind == JsonValueKind.Null ? null : Number(b.GetProperty("headline"), "value")).ToList();

    [Fact]
    public async Task A_retracted_revision_from_another_source_gives_the_revised_figure_back_from_the_day_of_the_retraction()
    {
        var revised = FigureId(await StateAsync("2022-01-09T09:00:00Z"));
        var revision = Statement("2022-01-10T09:00:00Z", Figure(120));
        ((Dictionary<string, object?>[])revision["figures"]!)[0]["scope"] = new { country = "KZ" };
        ((Dictionary<string, object?>[])revision["figures"]!)[0]["supersedes"] = revised;
        revision["sourceId"] = (await CreateSourceAsync("Interior ministry")).GetProperty("id").GetGuid();
        Assert.True((await RetractAsync(await PostOkAsync("/api/v1/statements", revision), "2022-01-12T09:00:00Z")).IsSuccessStatusCode);

        var answer = await GetOkAsync($"{OverTime}&from=2022-01-09&to=2022-01-13");

        Assert.Equal(["current", "superseded", "superseded", "current", "current"], Statuses(answer));
        Assert.Equal([164m, null, null, 164m, 164m], Buckets(answer).Select(b => Number(b.GetProperty("range"), "low")).ToList());
    }

    [Fact]
    public async Task A_figure_dated_after_its_statement_stays_its_source_s_latest_until_one_dated_later()
    {
        var ahead = Figure(200);
        ahead["asOf"] = "2022-01-12T00:00:00Z";
        var first = FigureId(await StateAsync("2022-01-09T09:00:00Z", ahead));
        var second = FigureId(await StateAsync("2022-01-10T09:00:00Z", Figure(150)));
        await StateAsync("2022-01-13T09:00:00Z", Figure(180));

        var answer = await GetOkAsync($"{OverTime}&from=2022-01-09&to=2022-01-13");
        var figures = (await GetOkAsync($"/api/v1/figures?incident={IncidentId}&asOf=2022-01-10T23:59:59.999999Z")).GetProperty("items").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("status").GetString());

        Assert.Equal([200m, 200m, 200m, 200m, 180m], Headlines(answer));
        Assert.Equal(("current", "superseded"), (figures[first], figures[second]));
    }

    [Fact]
    public async Task Every_bucket_is_the_series_row_at_its_end_through_retractions_withdrawals_ties_and_revisions_across_sources()
    {
        Guid[] sources = [SourceId, .. await Task.WhenAll(new[] { "media", "ngo" }.Select(async kind =>
            (await CreateSourceAsync($"A {kind}", kind)).GetProperty("id").GetGuid()))];
        var random = new Random(26);
        var statements = new List<JsonElement>();
        string? midway = null;
        for (var i = 0; i < 36; i++)
        {
            // Few days and hours, so that ties on (asOf, statedAt) within a source happen; some figures dated before or after.
            var day = 8 + random.Next(6);
            var figure = Figure(random.Next(1, 400));
            if (random.Next(4) == 0)
            {
                figure["asOf"] = $"2022-01-{day + random.Next(-2, 3):00}T12:00:00Z";
            }
            var earlier = statements.SelectMany(s => s.GetProperty("figures").EnumerateArray()).ToList();
            if (earlier.Count > 0 && random.Next(4) == 0)
            {
                figure["supersedes"] = earlier[random.Next(earlier.Count)].GetProperty("id").GetString();
                figure["scope"] = random.Next(2) == 0 ? new { country = "KZ" } : null;
            }
            var body = Statement($"2022-01-{day:00}T{9 + random.Next(3):00}:00:00Z", figure);
            body["sourceId"] = sources[random.Next(sources.Length)];
            statements.Add(await PostOkAsync("/api/v1/statements", body));
            midway = i == 24 ? await NowAsync() : midway;
        }
        foreach (var statement in statements.Where((_, i) => i % 5 == 2))
        {
            var statedAt = DateTimeOffset.Parse(statement.GetProperty("statedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True((await RetractAsync(statement, $"{statedAt.AddDays(random.Next(3)).AddHours(6):yyyy-MM-dd'T'HH:mm:ss'Z'}")).IsSuccessStatusCode);
        }
        foreach (var statement in statements.Where((_, i) => i % 9 == 4))
        {
            Assert.True((await Client.DeleteAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}?reason=duplicate")).IsSuccessStatusCode);
        }

        foreach (var recordedAsOf in new[] { "", $"&recordedAsOf={Uri.EscapeDataString(midway!)}" })
        {
            var answer = await GetOkAsync($"{OverTime}&from=2022-01-05&to=2022-01-16{recordedAsOf}");
            var (expected, actual) = await BucketsBesideRowsAsync(answer, GetOkAsync, $"/api/v1/incidents/{IncidentId}/figures?metric=killed{recordedAsOf}");

            Assert.Equal(expected, actual);
            Assert.True(Buckets(answer).Count(b => b.GetProperty("perSource").GetArrayLength() > 1) > 3, "too few buckets with several sources");
        }
    }
}
