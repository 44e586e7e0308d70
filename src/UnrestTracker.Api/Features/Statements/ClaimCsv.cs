using System.Globalization;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>How claims read in CSV cells: ISO 8601 UTC timestamps with Z, invariant numbers, snake_case enums.</summary>
public static class ClaimCsv
{
    public static string? Timestamp(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One figure in one cell: <c>killed=164 (exact, people)</c>, <c>killed:children=3 (exact, people)</c>,
    /// <c>economic_loss=2000000000-3000000000 (range, USD)</c>.
    /// </summary>
    public static string Summary(FigureVersion f)
    {
        var series = f.Subject is null ? EnumText.Name(f.Metric) : $"{EnumText.Name(f.Metric)}:{f.Subject}";
        var amount = f.Qualifier == Qualifier.Range ? $"{Number(f.Low)}-{Number(f.High)}" : Number(f.Value);
        return $"{series}={amount} ({EnumText.Name(f.Qualifier)}, {f.Unit})";
    }
}
