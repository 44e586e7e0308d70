using System.Globalization;
using UnrestTracker.Api.Infrastructure.Problems;
using IsoCountries = UnrestTracker.Api.Infrastructure.Problems.Countries;

namespace UnrestTracker.Api.Features.Imports.Countries;

/// <summary>Dataset country codes to ISO 3166-1 alpha-2 (sources and regeneration: README.md beside this file).</summary>
public static class CountryCodes
{
    // Former states map to null, so their rows are placed by coordinates.
    private static readonly Dictionary<int, string?> ByGleditschWard = EmbeddedTable.Read("gw-alpha2.csv")
        .ToDictionary(row => int.Parse(row[0], CultureInfo.InvariantCulture), row => row[1] is "" ? null : row[1]);

    private static readonly Lazy<CountryShapes> Shapes = new(CountryShapes.Load);

    /// <summary>ACLED <c>iso</c> (ISO 3166-1 numeric) to alpha-2; 0 is Kosovo, "XK"; null when unknown.</summary>
    public static string? FromIsoNumeric(int numeric) => IsoCountries.FromNumeric(numeric);

    /// <summary>
    /// UCDP <c>country_id</c> (Gleditsch-Ward code) to the alpha-2 of today's state; null when the code names
    /// a former state (see <see cref="IsFormerState"/>) or is unknown.
    /// </summary>
    public static string? FromGleditschWard(int gw) => ByGleditschWard.GetValueOrDefault(gw);

    /// <summary>
    /// Whether the Gleditsch-Ward code names a state that no longer exists as such (Yugoslavia, the Soviet Union,
    /// which shares 365 with Russia, Czechoslovakia, North and South Yemen...), whose rows need coordinates.
    /// </summary>
    public static bool IsFormerState(int gw) => ByGleditschWard.TryGetValue(gw, out var alpha2) && alpha2 is null;

    /// <summary>The present-day country containing the point (alpha-2), or null (sea, unknown).</summary>
    public static string? At(double latitude, double longitude) => Shapes.Value.At(latitude, longitude);

    /// <summary>UCDP row to alpha-2: the crosswalk, else (former state, unknown code) the country at its coordinates.</summary>
    public static string? ForUcdp(int gw, double? latitude, double? longitude) =>
        FromGleditschWard(gw) ?? (latitude is { } lat && longitude is { } lon ? At(lat, lon) : null);
}
