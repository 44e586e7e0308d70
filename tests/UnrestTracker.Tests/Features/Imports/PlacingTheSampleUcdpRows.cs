using System.Globalization;
using CsvHelper;
using UnrestTracker.Api.Features.Imports.Countries;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>Every country_id in the sample UCDP files (test data, found by <see cref="SampleData"/>) finds a country.</summary>
public class PlacingTheSampleUcdpRows
{
    [Fact]
    public void Every_sample_row_gets_a_country_by_code_or_by_coordinates()
    {
        var files = Directory.GetFiles(SampleData.Directory, "ucdp*.csv");
        Assert.NotEmpty(files);
        var unplaced = new List<string>();
        var codes = new HashSet<int>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            csv.Read();
            csv.ReadHeader();
            while (csv.Read())
            {
                // The API sample, saved by pandas, writes integers as 700.0.
                var gw = (int)double.Parse(csv.GetField("country_id")!, CultureInfo.InvariantCulture);
                codes.Add(gw);
                var country = CountryCodes.ForUcdp(gw, Coordinate(csv, "latitude"), Coordinate(csv, "longitude"));
                if (country is null)
                {
                    unplaced.Add($"{Path.GetFileName(file)} id {csv.GetField("id")} country_id {gw}");
                }
            }
        }
        Assert.Empty(unplaced);
        Assert.Contains(codes, CountryCodes.IsFormerState);
    }

    private static double? Coordinate(CsvReader csv, string column) =>
        csv.GetField(column) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
