using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// Spreadsheet-safe CSV: a text cell a spreadsheet would run as a formula gets a leading <c>'</c>, unless the
/// request says <c>csvFormulas=raw</c>. Numbers, dates and ids are written as they are (a longitude stays -0.1278).
/// Done here rather than by CsvHelper's InjectionOptions, which apply to every field of a writer, numbers included.
/// </summary>
public static class CsvFormulas
{
    public const string Parameter = "csvFormulas";
    public const string Raw = "raw";
    private const string Triggers = "=+-@\t\r";

    /// <summary>Validates the parameter on a list that offers CSV: absent, or <c>raw</c>.</summary>
    public static void Read(QueryReader query)
    {
        var value = query.Text(Parameter);
        if (value is not null && value != Raw)
        {
            query.Errors.Add(Parameter, "Must be raw (text cells verbatim), or left out to neutralise formulas with a leading '.");
        }
    }

    public static bool AreRaw(HttpRequest request) => request.Query[Parameter] == Raw;

    public static string? Neutralise(string? text) =>
        text is { Length: > 0 } && Triggers.Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
}
