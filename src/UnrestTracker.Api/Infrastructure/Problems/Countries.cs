using System.Globalization;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>
/// ISO 3166-1 alpha-2 codes currently assigned, plus XK (Kosovo, user-assigned, as ACLED and others use it),
/// from the table generated out of Debian's iso-codes (Features/Imports/Countries/Data/iso3166-1.csv).
/// </summary>
public static class Countries
{
    private static readonly Dictionary<int, string> ByNumeric = EmbeddedTable.Read("iso3166-1.csv")
        .ToDictionary(row => int.Parse(row[0], CultureInfo.InvariantCulture), row => row[1]);

    private static readonly HashSet<string> Codes = new(ByNumeric.Values, StringComparer.Ordinal);

    /// <summary>Exact, upper-case codes only: "kz" is a typo worth reporting, not guessing.</summary>
    public static bool IsValid(string code) => Codes.Contains(code);

    /// <summary>ISO 3166-1 numeric to alpha-2; 0 stands for Kosovo (XK), as in ACLED.</summary>
    public static string? FromNumeric(int numeric) => ByNumeric.GetValueOrDefault(numeric);
}
