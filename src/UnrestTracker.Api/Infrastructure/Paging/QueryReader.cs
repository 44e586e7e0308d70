using System.Globalization;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>
/// Parses query parameters the same way on every endpoint, collecting errors keyed by
/// parameter name instead of failing on the first.
/// </summary>
public sealed class QueryReader
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    private static readonly object Key = new();
    private readonly HttpContext _http;
    private readonly IQueryCollection _query;

    private QueryReader(HttpContext http)
    {
        _http = http;
        _query = http.Request.Query;
        Errors = new();
    }

    /// <summary>The request's reader: every parameter of a request is read by one, so that its errors make one 400.</summary>
    public static QueryReader Of(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var reader) && reader is QueryReader existing)
        {
            return existing;
        }
        var created = new QueryReader(http);
        http.Items[Key] = created;
        return created;
    }

    /// <summary>The request's reader when parameters were bound through it (<see cref="IQueryParameters{TSelf}"/>), else null.</summary>
    internal static QueryReader? Bound(HttpContext http) => http.Items.TryGetValue(Key, out var reader) ? reader as QueryReader : null;

    public Validation Errors { get; }

    public string? Text(string name, int maxLength = TextLimits.Query)
    {
        var values = _query[name];
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            Errors.Add(name, "Give this parameter once.");
            return null;
        }
        var value = values[0];
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(name, "Must not be empty when given.");
            return null;
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Errors.Add(name, "Must not contain the NUL character.");
            return null;
        }
        Errors.MaxLength(name, value, maxLength);
        return value.Trim();
    }

    /// <summary>The request read (its headers choose an export format).</summary>
    public HttpRequest Request => _http.Request;

    /// <summary>Whether the parameter is in the query at all, even empty.</summary>
    public bool Has(string name) => _query.ContainsKey(name);

    /// <summary>
    /// A required parameter: <paramref name="message"/> when it is absent. One that is given but bad already has its own
    /// error from the method that read it, so it gets no second one.
    /// </summary>
    public void Require(string name, string message)
    {
        if (!Has(name))
        {
            Errors.Add(name, message);
        }
    }

    public int Limit()
    {
        var text = Text("limit");
        if (text is null)
        {
            return DefaultLimit;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxLimit)
        {
            Errors.Add("limit", $"Must be an integer from 1 to {MaxLimit}.");
            return DefaultLimit;
        }
        return limit;
    }

    /// <summary>The decoded sort key of the cursor, or null for the first page.</summary>
    public JsonElement[]? Cursor(string list, params CursorKey[] types)
    {
        var text = Text("cursor", TextLimits.Url);
        if (text is null)
        {
            return null;
        }
        if (!Paging.Cursor.TryDecode(list, text, out var keys) || !CursorKeys.Match(keys, types))
        {
            Errors.Add("cursor", "This cursor is not valid here; use the nextCursor of a previous page of the same list.");
            return null;
        }
        return keys;
    }

    public T? Enum<T>(string name) where T : struct, System.Enum
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (!EnumText.TryParse<T>(text, out var value))
        {
            Errors.Add(name, $"Must be one of: {string.Join(", ", EnumText.Names<T>())}.");
            return null;
        }
        return value;
    }

    public string? Country(string name)
    {
        var text = Text(name);
        Errors.Country(name, text);
        return text;
    }

    public Guid? Id(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (!Guid.TryParse(text, out var id))
        {
            Errors.Add(name, "Must be a UUID.");
            return null;
        }
        return id;
    }

    /// <summary>A timestamp; a bare date means the start of the day, or its end when <paramref name="endOfDay"/>.</summary>
    public DateTimeOffset? Timestamp(string name, bool endOfDay)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (!Timestamps.TryParse(text, endOfDay, out var value))
        {
            Errors.Add(name, "Must be an ISO 8601 UTC timestamp (2022-01-09T14:00:00Z) or a date (2022-01-09).");
            return null;
        }
        return value;
    }

    /// <summary>The inclusive <c>from</c>/<c>to</c> pair; <c>from</c> after <c>to</c> is an error.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Period()
    {
        var from = Timestamp("from", endOfDay: false);
        var to = Timestamp("to", endOfDay: true);
        if (from > to)
        {
            Errors.Add("from", "Must not be after 'to'.");
        }
        return (from, to);
    }

    /// <summary>The moment the request is answered (<see cref="RequestClock"/>).</summary>
    public DateTimeOffset AnsweredAt => RequestClock.Of(_http);

    public TimeTravel TimeTravel() => new(Timestamp("asOf", endOfDay: true), RecordedAsOf(), AnsweredAt);

    /// <summary>
    /// The <c>recordedAsOf</c> asked, or null (the answer's moment) when it is at or after the newest write, to which the
    /// answer is then pinned (see <see cref="HistoryAnswer"/>): the present, read from what the writes keep.
    /// </summary>
    public DateTimeOffset? RecordedAsOf()
    {
        var asked = Timestamp("recordedAsOf", endOfDay: true);
        return asked >= RequestClock.Of(_http) ? null : asked;
    }
}
