using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Json;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>
/// Memento (RFC 7089) datetime negotiation: <c>Accept-Datetime</c> on a read of history acts as <c>recordedAsOf</c>
/// set to the start of the second it names, unless the query names one (the query wins). It is put into the query
/// before anything reads it, so read routing, the endpoint and the snapshot link all see one request.
/// </summary>
public static class AcceptDatetime
{
    public const string Header = "Accept-Datetime";
    public const string MementoDatetime = "Memento-Datetime";
    private const string NegotiatedKey = "unrest.acceptDatetime";

    /// <summary>Whether this request's <c>recordedAsOf</c> came from the header (the answer then names its snapshot in Content-Location).</summary>
    public static bool Negotiated(HttpContext http) => http.Items.ContainsKey(NegotiatedKey);

    /// <summary>Null when the request may go on; otherwise the 400 naming the header.</summary>
    public static IResult? Apply(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }
        if (http.IsLive())
        {
            return Problems.Problems.Invalid(Header, "This answer is not a read of history: it takes no Accept-Datetime (nor recordedAsOf).");
        }
        if (values.Count != 1 || !DateTimeOffset.TryParseExact(values[0]?.Trim(), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return Problems.Problems.Invalid(Header, "Must be one HTTP date (RFC 1123), such as Sun, 09 Jan 2022 14:00:00 GMT.");
        }
        if (!http.Request.Query.ContainsKey("recordedAsOf"))
        {
            var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
            query["recordedAsOf"] = UtcDateTimeOffsetConverter.Format(at);
            http.Request.QueryString = QueryStrings.Of(query);
            http.Items[NegotiatedKey] = true;
        }
        return null;
    }

    /// <summary>An HTTP date, rounded down to the second (the exact moment stays in the URL).</summary>
    public static string Format(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture);
}
