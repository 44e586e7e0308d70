namespace UnrestTracker.Api.Features.Stats;

/// <summary>The bucket of a stats answer: a UTC calendar day, week, month or year.</summary>
public enum Interval { Day, Week, Month, Year }

/// <summary>The first day of a week bucket: monday, or saturday as ACLED's weeks.</summary>
public enum WeekStart { Monday, Saturday }

/// <summary>
/// Calendar buckets in UTC, each [start, end): days, weeks from <see cref="WeekStart"/>, calendar months, calendar years.
/// A bucket is named by its start.
/// </summary>
public sealed record Buckets(Interval Interval, WeekStart WeekStart)
{
    /// <summary>The start of the bucket holding <paramref name="day"/>.</summary>
    public DateOnly StartOf(DateOnly day) => Interval switch
    {
        Interval.Day => day,
        Interval.Week => day.AddDays(-(((int)day.DayOfWeek - (int)FirstDay + 7) % 7)),
        Interval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>The start of the bucket after the one starting at <paramref name="start"/>: its end.</summary>
    public DateOnly Next(DateOnly start) => Step(start, 1);

    public DateOnly Step(DateOnly start, int count) => Interval switch
    {
        Interval.Day => start.AddDays(count),
        Interval.Week => start.AddDays(7 * count),
        Interval.Month => start.AddMonths(count),
        _ => start.AddYears(count),
    };

    /// <summary>How many buckets run from the one starting at <paramref name="first"/> to the one starting at <paramref name="last"/>.</summary>
    public long Count(DateOnly first, DateOnly last) => Interval switch
    {
        Interval.Day => last.DayNumber - first.DayNumber + 1,
        Interval.Week => (last.DayNumber - first.DayNumber) / 7 + 1,
        Interval.Month => (last.Year - first.Year) * 12 + last.Month - first.Month + 1,
        _ => last.Year - first.Year + 1,
    };

    /// <summary>The starts of the buckets from <paramref name="first"/> to <paramref name="last"/>, both bucket starts.</summary>
    public IEnumerable<DateOnly> From(DateOnly first, DateOnly last)
    {
        for (var start = first; start <= last; start = Next(start))
        {
            yield return start;
        }
    }

    /// <summary>The SQL expression of the bucket start of a date column (for <see cref="Interval.Week"/>, from isodow).</summary>
    public string Sql(string column) => Interval switch
    {
        Interval.Day => column,
        Interval.Week => $"({column} - ((extract(isodow FROM {column})::int - {IsoDay} + 7) % 7))",
        Interval.Month => $"date_trunc('month', {column})::date",
        _ => $"date_trunc('year', {column})::date",
    };

    private DayOfWeek FirstDay => WeekStart == WeekStart.Saturday ? DayOfWeek.Saturday : DayOfWeek.Monday;

    private int IsoDay => WeekStart == WeekStart.Saturday ? 6 : 1;

    /// <summary>A bucket start as the timestamp the answer shows (00:00Z of that day).</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
