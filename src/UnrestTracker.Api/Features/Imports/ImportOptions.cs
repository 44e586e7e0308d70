using System.Globalization;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// What to keep of a file and where to put it. <see cref="Country"/> (ISO alpha-2) and <see cref="From"/>/<see cref="To"/>
/// (inclusive, on the event's start date) keep only matching rows; <see cref="Released"/> is when the release was
/// published (default: the import's start).
/// </summary>
public sealed record ImportOptions(string? Incident = null, string? Country = null, DateOnly? From = null, DateOnly? To = null, DateTimeOffset? Released = null)
{
    public static readonly string[] Names = ["incident", "country", "from", "to", "released"];

    public bool Keeps(ImportRow row) =>
        (Country is null || row.Country == Country) && (From is null || row.Date >= From) && (To is null || row.Date <= To);

    /// <summary>Reads the options by name (the CLI's <c>--from</c>, the query's <c>from</c>), adding an error per bad value.</summary>
    public static ImportOptions Read(Func<string, string?> value, Validation v)
    {
        var incident = value("incident");
        if (incident is not null && !Slugs.IsValid(incident))
        {
            v.Add("incident", "Must be an incident slug: ^[a-z0-9]+(-[a-z0-9]+)*$, at most 80 characters.");
        }
        var country = value("country");
        v.Country("country", country);
        var (from, to) = (Day("from", value("from"), v), Day("to", value("to"), v));
        if (from > to)
        {
            v.Add("from", "Must not be after 'to'.");
        }
        DateTimeOffset? released = null;
        if (value("released") is { } text)
        {
            if (Timestamps.TryParse(text, endOfDay: false, out var at))
            {
                released = at;
                v.Within("released", at);
            }
            else
            {
                v.Add("released", "Must be an ISO 8601 UTC timestamp (2023-06-01T00:00:00Z) or a date.");
            }
        }
        return new ImportOptions(incident, country, from, to, released);
    }

    private static DateOnly? Day(string name, string? text, Validation v)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        v.Add(name, "Must be a date (YYYY-MM-DD).");
        return null;
    }
}
