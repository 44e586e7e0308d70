using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>Reads a generated CSV embedded in this assembly (see Features/Imports/Countries/README.md).</summary>
internal static class EmbeddedTable
{
    public static Stream Open(string name) =>
        typeof(EmbeddedTable).Assembly.GetManifestResourceStream("UnrestTracker.Countries." + name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");

    /// <summary>The data rows: '#' comment lines and the header row are skipped.</summary>
    public static List<string[]> Read(string name)
    {
        using var reader = new StreamReader(Open(name));
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { AllowComments = true });
        var rows = new List<string[]>();
        csv.Read();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }
}
