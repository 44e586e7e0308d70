namespace UnrestTracker.Api.Features.Stats;

/// <summary>One group's counts in one bucket, as summed in SQL (in the order of the endpoint's count names).</summary>
public sealed record StatRow(DateOnly Bucket, StatGroup Group, decimal?[] Counts);

/// <summary>The mean of the <see cref="Buckets"/> buckets before one, per count, and the change against it.</summary>
public sealed record StatsBaseline(int Buckets, IReadOnlyDictionary<string, decimal?> Mean, IReadOnlyDictionary<string, decimal?> Change);

/// <summary>One cell of the answer: a bucket of a group, zero-filled.</summary>
public sealed record StatCell(DateOnly Start, DateOnly End, StatGroup Group, decimal?[] Counts, StatsBaseline? Baseline);

/// <summary>
/// The answer's cells from the summed rows: every bucket from <c>from</c> to <c>to</c> for every group with a non-zero
/// count there, ordered by start then group; baselines read the rows before <c>from</c> too.
/// </summary>
public sealed class StatsTable(StatsRequest request, IReadOnlyList<string> countNames)
{
    private Buckets Buckets => request.Buckets;

    /// <summary>The first and last bucket starts: from/to as asked, else the first and last date of the data; null when neither.</summary>
    public (DateOnly First, DateOnly Last)? Range(DateOnly? firstDay, DateOnly? lastDay)
    {
        // A default never crosses the date given: from=2030-01-01 after the last event runs from 2030 to 2030.
        var from = request.From ?? Earlier(firstDay, request.To);
        var to = request.To ?? Later(lastDay, request.From);
        return from is { } f && to is { } t ? (Buckets.StartOf(f), Buckets.StartOf(t)) : null;
    }

    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is { } x && b is { } y ? (x > y ? x : y) : a ?? b;

    /// <summary>The earliest bucket a row must reach back to: <c>baseline</c> buckets before the first.</summary>
    public DateOnly ReadFrom(DateOnly first) => Buckets.Step(first, -request.Baseline);

    public long Count((DateOnly First, DateOnly Last) range) => Buckets.Count(range.First, range.Last);

    /// <summary>The zero-filled cells of the range per group; <paramref name="firstData"/> is the start of the bucket holding the first date of the filtered data.</summary>
    public List<StatCell> Cells(IReadOnlyList<StatRow> rows, (DateOnly First, DateOnly Last) range, IEnumerable<StatGroup> groups, DateOnly? firstData)
    {
        var byGroup = rows.ToLookup(r => r.Group.Identity);
        var cells = new List<StatCell>();
        var ordered = groups.OrderBy(g => g, StatGroup.Order).ToList();
        var counts = ordered.ToDictionary(g => g.Identity, g => byGroup[g.Identity].ToDictionary(r => r.Bucket, r => r.Counts));
        foreach (var start in Buckets.From(range.First, range.Last))
        {
            foreach (var group in ordered)
            {
                var own = counts[group.Identity];
                var count = own.GetValueOrDefault(start) ?? Zeros();
                cells.Add(new StatCell(start, Buckets.Next(start), group, count, request.Baseline == 0 ? null : BaselineOf(own, start, count, firstData)));
            }
        }
        return cells;
    }

    /// <summary>Six decimals at most, without trailing zeros (0.5, not 0.500000).</summary>
    private static decimal Trimmed(decimal d) => Math.Round(d, 6) / 1.000000000000000000000000000000000m;

    private decimal?[] Zeros() => countNames.Select(_ => (decimal?)0m).ToArray();

    private StatsBaseline BaselineOf(Dictionary<DateOnly, decimal?[]> own, DateOnly start, decimal?[] count, DateOnly? firstData)
    {
        var n = request.Baseline;
        var before = Enumerable.Range(1, n).Select(k => Buckets.Step(start, -k)).ToList();
        var (mean, change) = (new Dictionary<string, decimal?>(), new Dictionary<string, decimal?>());
        for (var i = 0; i < countNames.Count; i++)
        {
            var m = before.Sum(b => own.GetValueOrDefault(b)?[i] ?? 0m) / n;
            mean[countNames[i]] = Trimmed(m);
            change[countNames[i]] = m == 0 || count[i] is not { } c ? null : Trimmed((c - m) / m);
        }
        return new StatsBaseline(before.Count(b => firstData is { } f && b >= f), mean, change);
    }
}
