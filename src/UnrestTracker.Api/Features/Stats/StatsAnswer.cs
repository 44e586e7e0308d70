using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>The answer of <c>/stats/events</c>: the buckets from <c>from</c> (the first bucket's start) to <c>to</c> (the last bucket's end).</summary>
public sealed record EventStatsAnswer(Interval Interval, DateOnly? From, DateOnly? To, IReadOnlyList<string> GroupBy, IReadOnlyList<EventStatsBucket> Buckets);

/// <summary>The answer of <c>/stats/figures</c>: the buckets from <c>from</c> (the first bucket's start) to <c>to</c> (the last bucket's end).</summary>
public sealed record FigureStatsAnswer(Interval Interval, DateOnly? From, DateOnly? To, IReadOnlyList<string> GroupBy, IReadOnlyList<FigureStatsBucket> Buckets);

/// <summary>One bucket of one group of <c>/stats/events</c>.</summary>
public sealed record EventStatsBucket(DateOnly Start, DateOnly End, IReadOnlyDictionary<string, object?> Group, int Events)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsBaseline? Baseline { get; init; }
}

/// <summary>One bucket of one group of <c>/stats/figures</c>: counts as in eventSums.</summary>
public sealed record FigureStatsBucket(
    DateOnly Start, DateOnly End, IReadOnlyDictionary<string, object?> Group, int Events, decimal? Value, decimal? Low, decimal? High)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsBaseline? Baseline { get; init; }
}

/// <summary>The answer of a stats endpoint in the format asked: JSON, long CSV or wide CSV.</summary>
public static class StatsOutput
{
    /// <summary>The cells as JSON (<paramref name="answer"/> builds it from its from, to and cells), long CSV or wide CSV, as the request asks.</summary>
    public static Results<Ok<T>, ExportStream, ProblemResult> Answer<T>(StatsRequest request, (DateOnly First, DateOnly Last)? range, List<StatCell> cells,
        IReadOnlyList<string> groupHeaders, IReadOnlyList<string> countNames, Func<DateOnly?, DateOnly?, List<StatCell>, T> answer, string fileName,
        DateTimeOffset answeredAt)
    {
        if (request.Format == ExportFormat.Csv)
        {
            return request.Wide
                ? new CsvExport<IGrouping<DateOnly, StatCell>>(Async(cells.GroupBy(c => c.Start)), new WideCsv(cells, countNames), fileName, answeredAt)
                : (ExportStream)new CsvExport<StatCell>(Async(cells), new LongCsv(groupHeaders, countNames), fileName, answeredAt);
        }
        var to = range is { } r ? request.Buckets.Next(r.Last) : (DateOnly?)null;
        return TypedResults.Ok(answer(range?.First, to, cells));
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
        await Task.CompletedTask;
    }

    private static void Count(CsvLine line, decimal? count)
    {
        if (count is { } c)
        {
            line.Value(c);
        }
        else
        {
            line.Empty();
        }
    }

    private static void Day(CsvLine line, DateOnly day) => line.Value(day, "yyyy-MM-dd");

    /// <summary>A row per bucket and group: start, end, the group's keys, the counts.</summary>
    private sealed class LongCsv(IReadOnlyList<string> groupHeaders, IReadOnlyList<string> countNames) : ICsvFormat<StatCell>
    {
        public void WriteHeader(CsvLine line)
        {
            foreach (var header in (string[])["start", "end", .. groupHeaders, .. countNames])
            {
                line.Verbatim(header);
            }
        }

        public void WriteRow(StatCell row, CsvLine line)
        {
            Day(line, row.Start);
            Day(line, row.End);
            foreach (var part in row.Group.Parts)
            {
                for (var i = 0; i < part.Cells.Count; i++)
                {
                    // Ids are written as they are; names and codes are text a source or a user wrote.
                    if (part.Id is not null && i == 0)
                    {
                        line.Verbatim(part.Cells[i]);
                    }
                    else
                    {
                        line.Text(part.Cells[i]);
                    }
                }
            }
            foreach (var count in row.Counts)
            {
                Count(line, count);
            }
        }
    }

    /// <summary>
    /// A row per bucket and a column per group and count, headed "{the group's values joined with " | "}: {count}" (a source
    /// by its name, and its id where two sources share it); headers are text, made spreadsheet-safe as every text cell.
    /// </summary>
    private sealed class WideCsv(List<StatCell> cells, IReadOnlyList<string> countNames) : ICsvFormat<IGrouping<DateOnly, StatCell>>
    {
        private readonly List<StatGroup> _groups = cells.Select(c => c.Group).DistinctBy(g => g.Identity).ToList();

        public void WriteHeader(CsvLine line)
        {
            line.Verbatim("start");
            line.Verbatim("end");
            var shared = _groups.SelectMany(g => g.Parts).Where(p => p.Key == "source").DistinctBy(p => p.Id)
                .GroupBy(p => p.Text).Where(n => n.Count() > 1).Select(n => n.Key).ToHashSet();
            foreach (var group in _groups)
            {
                var label = string.Join(" | ", group.Parts.Select(p => p.Key == "source" && shared.Contains(p.Text) ? $"{p.Text} ({p.Id})" : p.Text ?? GroupPart.None));
                foreach (var count in countNames)
                {
                    line.Text(label.Length == 0 ? count : $"{label}: {count}");
                }
            }
        }

        public void WriteRow(IGrouping<DateOnly, StatCell> row, CsvLine line)
        {
            Day(line, row.Key);
            Day(line, row.First().End);
            foreach (var cell in row)
            {
                foreach (var count in cell.Counts)
                {
                    Count(line, count);
                }
            }
        }
    }
}
