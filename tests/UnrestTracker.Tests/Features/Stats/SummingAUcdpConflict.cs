using System.Globalization;
using System.Text.Json;
using CsvHelper;
using UnrestTracker.Tests.Features.Imports;
using UnrestTracker.Tests.Support;
using static UnrestTracker.Tests.Features.Stats.StatsJson;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>The Syria GED file imported through the API, and its conflicts summed per year and month as the file itself sums them.</summary>
public sealed class SummingAUcdpConflict(ApiFactory api) : ImportTest(api)
{
    private const string File = "ucdp_ged191_syria.csv";

    private sealed record Row(string Conflict, DateOnly Date, int TypeOfViolence, decimal Best, decimal Low, decimal High);

    /// <summary>The file's rows (read from the shared data folder, never copied).</summary>
    private static List<Row> Rows()
    {
        using var reader = new StreamReader(SampleData.Path(File));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Row>();
        while (csv.Read())
        {
            rows.Add(new Row(csv.GetField("conflict_new_id")!, DateOnly.Parse(csv.GetField("date_start")![..10], CultureInfo.InvariantCulture),
                csv.GetField<int>("type_of_violence"), csv.GetField<decimal>("best"), csv.GetField<decimal>("low"), csv.GetField<decimal>("high")));
        }
        return rows;
    }

    /// <summary>Per bucket start: row count, Σ best, Σ low and Σ high widened to include best (as the import widens them).</summary>
    private static Dictionary<string, (int, decimal, decimal, decimal)> Sums(IEnumerable<Row> rows, Func<DateOnly, DateOnly> bucket) => rows
        .GroupBy(r => bucket(r.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Best), g.Sum(r => Math.Min(r.Low, r.Best)), g.Sum(r => Math.Max(r.High, r.Best))));

    /// <summary>One import of the largest file serves every check of it (it takes most of a minute).</summary>
    [Fact]
    public async Task The_file_imports_every_row_and_its_sums_per_conflict_year_and_month_equal_the_file_s_split_by_type_as_type_of_violence_maps()
    {
        var report = await ImportOkAsync("ucdp", SampleData.Path(File));
        var rows = Rows();

        Assert.Equal((16_566L, 16_566L, 16_566L, 0L, 0L), (Count(report, "rows"), Count(report, "eventsCreated"), Count(report, "statementsCreated"),
            Count(report, "rejectedCount"), Count(report, "skipped")));
        Assert.Equal(101, Count(report, "adjustedCount"));
        Assert.Equal(64, report.GetProperty("file").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(report.GetProperty("id").GetString(), (await GetOkAsync($"/api/v1/imports/{report.GetProperty("id").GetString()}")).GetProperty("id").GetString());

        // The whole conflict's eventSums, Σ low and Σ high widened to include best as the import widens the 101 ranges.
        var (_, (events, best, low, high)) = Sums(rows.Where(r => r.Conflict == "299"), _ => default).Single();
        var killed = (await GetOkAsync("/api/v1/incidents/ucdp-conflict-299/figures?metric=killed")).GetProperty("items")
            .EnumerateArray().Single(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null);
        var whole = Assert.Single(killed.GetProperty("eventSums").EnumerateArray());
        Assert.Equal((events, best, low, high), (whole.GetProperty("events").GetInt32(), whole.GetProperty("value").GetDecimal(),
            whole.GetProperty("low").GetDecimal(), whole.GetProperty("high").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, killed.GetProperty("headline").ValueKind);

        foreach (var conflict in new[] { "299", "506" })
        {
            var own = rows.Where(r => r.Conflict == conflict).ToList();
            foreach (var (interval, bucket) in new (string, Func<DateOnly, DateOnly>)[] { ("year", d => new(d.Year, 1, 1)), ("month", d => new(d.Year, d.Month, 1)) })
            {
                var answer = await GetOkAsync($"/api/v1/stats/figures?incident=ucdp-conflict-{conflict}&metric=killed&interval={interval}");
                var expected = Sums(own, bucket);

                Assert.All(Buckets(answer), b => Assert.Equal("UCDP", Group(b, "source")));
                var sums = StatsJson.Sums(answer);
                Assert.Equal(sums.Select(s => s.Start).Distinct().Count(), sums.Count);
                Assert.Equal(sums.Select(s => (s.Start, (s.Events, s.Value ?? 0, s.Low ?? 0, s.High ?? 0))),
                    sums.Select(s => (s.Start, expected.GetValueOrDefault(s.Start))));
                Assert.Equal(expected.Keys.Order(), sums.Where(s => s.Events > 0).Select(s => s.Start));
            }
        }
        // Conflict 506 has months without a row: they are there, with zeros.
        var months = Buckets(await GetOkAsync("/api/v1/stats/figures?incident=ucdp-conflict-506&metric=killed&interval=month"));
        Assert.Equal(47, months.Count);
        Assert.Equal(4, months.Count(b => b.GetProperty("events").GetInt32() == 0 && Number(b, "value") == 0m));

        var byType = Buckets(await GetOkAsync("/api/v1/stats/events?interval=year&groupBy=type,subType&from=2016-01-01&to=2016-12-31"));
        var fileByType = rows.Where(r => r.Date.Year == 2016).GroupBy(r => r.TypeOfViolence switch
        {
            1 => "battles state-based",
            2 => "battles non-state",
            _ => "violence_against_civilians one-sided",
        }).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(fileByType.OrderBy(p => p.Key, StringComparer.Ordinal), byType.ToDictionary(b => $"{Group(b, "type")} {Group(b, "subType")}", b => b.GetProperty("events").GetInt32())
            .OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
