using System.Globalization;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// Parsing of dataset fields as they come from exports and from pandas: integers written as
/// <c>700.0</c>, dates with or without a time (<c>2013-07-24T00:00:00</c>, <c>2013-01-03 00:00:00.000</c>),
/// Unix timestamps in seconds. Each parser returns null for text it cannot read.
/// </summary>
public static class Fields
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ssZ"];

    public static long? Integer(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
            && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;

    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    public static DateOnly? Date(string? text) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateOnly.FromDateTime(d) : null;

    public static DateTimeOffset? UnixSeconds(string? text) =>
        Integer(text) is { } s && s is >= 0 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>The most of a value a note quotes: a rejected row's field may be a megabyte long.</summary>
    public const int MaxQuoted = 100;

    /// <summary>A value as a note quotes it: in single quotes, cut to <see cref="MaxQuoted"/> characters with "…".</summary>
    public static string Quoted(string? text) => $"'{Cut(text ?? "", MaxQuoted)}'";

    /// <summary>Text cut to <paramref name="max"/> characters, ending in "…", with a note when it was cut.</summary>
    public static string? Fit(string? text, int max, string field, List<string> notes)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        notes.Add($"{field} cut to {max} characters");
        return Cut(text, max);
    }

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when cut, never between the halves of a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut] + "…";
    }
}
