using System.Text.Json;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>The demo's tolls bucket by bucket, as the series row answered at each bucket's end.</summary>
public sealed class FollowingATollOverTime(ApiFactory api) : ApiTest(api)
{
    private const string Incident = "/api/v1/incidents/kazakhstan-2022-01";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    private static Dictionary<string, decimal?> Headlines(JsonElement answer) => Buckets(answer).ToDictionary(b => Start(b),
        b => b.GetProperty("headline").ValueKind == JsonValueKind.Null ? (decimal?)null : b.GetProperty("headline").GetProperty("value").GetDecimal());

    [Fact]
    public async Task The_death_toll_is_null_until_the_10th_then_164_then_225_from_the_15th()
    {
        var answer = await GetOkAsync($"{Incident}/figures/over-time?metric=killed&interval=day");
        var headlines = Headlines(answer);

        Assert.Equal(("2022-01-02", "2022-01-16"), (answer.GetProperty("from").GetString(), answer.GetProperty("to").GetString()));
        Assert.Null(headlines["2022-01-09"]);
        Assert.Equal(164m, headlines["2022-01-10"]);
        Assert.Equal(164m, headlines["2022-01-14"]);
        Assert.Equal(225m, headlines["2022-01-15"]);
        Assert.Empty(Buckets(answer)[0].GetProperty("perSource").EnumerateArray());
    }

    [Fact]
    public async Task Detentions_are_4404_5800_7939_and_9900_at_the_ends_of_the_8th_to_the_11th()
    {
        var headlines = Headlines(await GetOkAsync($"{Incident}/figures/over-time?metric=detained&interval=day&from=2022-01-08&to=2022-01-11"));

        Assert.Equal([4404m, 5800m, 7939m, 9900m], headlines.Values);
    }

    [Fact]
    public async Task Each_bucket_is_what_the_series_row_answers_at_its_end_minus_a_microsecond()
    {
        var answer = await GetOkAsync($"{Incident}/figures/over-time?metric=killed&interval=day");

        var (expected, actual) = await BucketsBesideRowsAsync(answer, GetOkAsync, $"{Incident}/figures?metric=killed");

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_later_statement_moves_only_the_buckets_after_it_and_an_earlier_recordedAsOf_keeps_the_old_answer()
    {
        var path = $"{Incident}/figures/over-time?metric=killed&interval=week";
        var before = Headlines(await GetOkAsync(path));
        var recordedBefore = (await GetOkAsync("/api/v1/changes?limit=1000")).GetProperty("items").EnumerateArray().Last().GetProperty("at").GetString();
        var source = (await CreateSourceAsync("Almaty akimat", "government")).GetProperty("id").GetGuid();
        await PostOkAsync("/api/v1/statements", new
        {
            incidentId = (await GetOkAsync(Incident)).GetProperty("id").GetGuid(),
            sourceId = source,
            statedAt = "2022-01-20T09:00:00Z",
            summary = "The akimat counts 238 dead.",
            figures = new[] { new { metric = "killed", qualifier = "exact", value = 238, unit = "people" } },
        });

        var after = Headlines(await GetOkAsync(path));
        var then = Headlines(await GetOkAsync($"{path}&recordedAsOf={recordedBefore}"));

        Assert.Equal(["2021-12-27", "2022-01-03", "2022-01-10"], before.Keys);
        Assert.Equal([null, null, 225m], before.Values);
        Assert.Equal([null, null, 225m, 238m], after.Values);
        Assert.Equal(before, then);
    }
}
