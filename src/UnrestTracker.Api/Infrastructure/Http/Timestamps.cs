using System.Globalization;
using System.Reflection;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.Http;

public static class Timestamps
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>ISO 8601 with an explicit zone, or a bare date (start or end of that UTC day).</summary>
    public static bool TryParse(string text, bool endOfDay, out DateTimeOffset value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = endOfDay ? EndOf(date) : StartOf(date);
            return true;
        }
        var ok = DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 19 && (text[^6] == '+' || text[^6] == '-'));
        value = value.ToUniversalTime();
        return ok;
    }

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The day's last microsecond (what PostgreSQL keeps); counted down from the day's end so 9999-12-31 does not overflow.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MaxValue).AddTicks(-9), TimeSpan.Zero);

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>
    /// The first day whose 00:00Z is at or after <paramref name="at"/> (an event stands at its day's 00:00Z).
    /// After 9999-12-31T00:00Z there is no such day: the last day stands in (no event is dated that late).
    /// </summary>
    public static DateOnly FirstDayFrom(DateTimeOffset at)
    {
        var day = DayOf(at);
        return StartOf(day) < at && day < DateOnly.MaxValue ? day.AddDays(1) : day;
    }
}

/// <summary>The moment a request is answered: the default "recorded as of" and the snapshot link's pin.</summary>
public static class RequestClock
{
    private const string Key = "unrest.answeredAt";

    public static DateTimeOffset Of(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var value) && value is DateTimeOffset at)
        {
            return at;
        }
        var now = DateTimeOffset.UtcNow;
        // Truncate to what PostgreSQL stores, so the pinned link reproduces the answer exactly.
        now = now.AddTicks(-(now.Ticks % 10));
        http.Items[Key] = now;
        return now;
    }

    /// <summary>
    /// Answers this request as of <paramref name="at"/> instead of the wall clock: the newest write of the server
    /// that answers (see <c>Replicas.ReadRouting</c>), so that the snapshot link reproduces exactly what was answered.
    /// </summary>
    public static void Pin(HttpContext http, DateTimeOffset at) => http.Items[Key] = at;
}

/// <summary>
/// The two clocks of a read. <see cref="AsOf"/> is knowledge time (null: everything said so far);
/// <see cref="RecordedAt"/> is the transaction time the read sees: the requested
/// <c>recordedAsOf</c>, or the moment the request is answered.
/// </summary>
public sealed record TimeTravel(DateTimeOffset? AsOf, DateTimeOffset? RecordedAsOf, DateTimeOffset AnsweredAt) : IQueryParameters<TimeTravel>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) => QueryDocs.TimeTravel;

    public static TimeTravel Read(QueryReader query, ParameterInfo parameter) => query.TimeTravel();

    public DateTimeOffset RecordedAt => RecordedAsOf ?? AnsweredAt;

    /// <summary>A read of the present (neither clock given): statuses come from what the writes keep (figure_status_now).</summary>
    public bool IsNow => AsOf is null && RecordedAsOf is null;
}

/// <summary><c>recordedAsOf</c> alone, for what has no knowledge time (incidents, sources): the transaction time a read sees.</summary>
public sealed record Recorded(DateTimeOffset? RecordedAsOf, DateTimeOffset AnsweredAt) : IQueryParameters<Recorded>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) => [QueryDocs.TimeTravel[1]];

    public static Recorded Read(QueryReader query, ParameterInfo parameter) => new(query.RecordedAsOf(), query.AnsweredAt);

    /// <summary>The transaction time the read sees.</summary>
    public DateTimeOffset At => RecordedAsOf ?? AnsweredAt;

    /// <summary>The same moment as a <see cref="Http.TimeTravel"/> that asks no knowledge time.</summary>
    public TimeTravel Time => new(null, RecordedAsOf, AnsweredAt);
}
