using System.Text;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>
/// The order of an incident's series rows: metric, subject (none first), scope, unit. That is the order of
/// series keys with the separator lowered below every character, compared byte by byte (PostgreSQL's "C"
/// collation), so rows read from the database and rows built here merge into one keyset order.
/// </summary>
public static class SeriesOrder
{
    public const string Separator = "|";
    public const string SortSeparator = "\u0001";

    public static string SortKey(string seriesKey) => seriesKey.Replace(Separator, SortSeparator, StringComparison.Ordinal);

    /// <summary>UTF-8 byte order, as the "C" collation compares; UTF-16 ordinal order differs past the BMP.</summary>
    public static readonly IComparer<string> Bytes = Comparer<string>.Create((a, b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
}
