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
}
