using System.Globalization;

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
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // PostgreSQL keeps microseconds: the last microsecond of the day is the day's end.
            value = endOfDay ? start.AddDays(1).AddTicks(-10) : start;
            return true;
        }
        var ok = DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 19 && (text[^6] == '+' || text[^6] == '-'));
        value = value.ToUniversalTime();
        return ok;
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
}

/// <summary>
/// The two clocks of a read. <see cref="AsOf"/> is knowledge time (null: everything said so far);
/// <see cref="RecordedAt"/> is the transaction time the read sees: the requested
/// <c>recordedAsOf</c>, or the moment the request is answered.
/// </summary>
public sealed record TimeTravel(DateTimeOffset? AsOf, DateTimeOffset? RecordedAsOf, DateTimeOffset AnsweredAt)
{
    public DateTimeOffset RecordedAt => RecordedAsOf ?? AnsweredAt;
}
