using System.Globalization;
using System.Text.Json;

namespace UnrestTracker.Tests.Features.Stats;

/// <summary>Reading stats answers in tests: a bucket as (start, a group value, counts).</summary>
internal static class StatsJson
{
    public static List<JsonElement> Buckets(JsonElement answer) => answer.GetProperty("buckets").EnumerateArray().ToList();

    public static decimal? Number(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static string Start(JsonElement bucket) => bucket.GetProperty("start").GetString()!;

    public static string? Group(JsonElement bucket, string key) => bucket.GetProperty("group").GetProperty(key) is var v && v.ValueKind == JsonValueKind.Object
        ? (v.TryGetProperty("name", out var name) ? name.GetString() : v.GetProperty("slug").GetString())
        : v.GetString();

    /// <summary>(start, events, value, low, high) of each bucket of a /stats/figures answer.</summary>
    public static List<(string Start, int Events, decimal? Value, decimal? Low, decimal? High)> Sums(JsonElement answer) =>
        Buckets(answer).Select(b => (Start(b), b.GetProperty("events").GetInt32(), Number(b, "value"), Number(b, "low"), Number(b, "high"))).ToList();

    /// <summary>
    /// Each bucket of an over-time answer beside what it must equal: the unscoped, subject-less row of
    /// <paramref name="rowsPath"/> (<c>/incidents/{incident}/figures?metric=…</c>) at asOf = the bucket's end minus 1 µs,
    /// as "headline perSource range" in raw JSON (null, [] and null range where the row is absent).
    /// </summary>
    public static async Task<(List<string> Expected, List<string> Actual)> BucketsBesideRowsAsync(
        JsonElement answer, Func<string, Task<JsonElement>> get, string rowsPath)
    {
        var (expected, actual) = (new List<string>(), new List<string>());
        foreach (var bucket in Buckets(answer))
        {
            var end = DateTime.Parse(bucket.GetProperty("end").GetString()!, CultureInfo.InvariantCulture).AddTicks(-10);
            var row = (await get($"{rowsPath}&asOf={end:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}")).GetProperty("items").EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null && r.GetProperty("scope").ValueKind == JsonValueKind.Null);
            expected.Add($"{Start(bucket)} " + (row.ValueKind == JsonValueKind.Undefined ? "null [] {\"low\":null,\"high\":null}" : SeriesOf(row)));
            actual.Add($"{Start(bucket)} {SeriesOf(bucket)}");
        }
        return (expected, actual);
    }

    private static string SeriesOf(JsonElement e) =>
        $"{e.GetProperty("headline").GetRawText()} {e.GetProperty("perSource").GetRawText()} {e.GetProperty("range").GetRawText()}";
}
