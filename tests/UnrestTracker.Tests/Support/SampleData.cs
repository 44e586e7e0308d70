namespace UnrestTracker.Tests.Support;

/// <summary>
/// Where the tests read real ACLED and UCDP sample exports (acled_sample.csv, ucdp_ged*.csv), which this repository
/// does not carry: read in place, never copied. Test data location only:
/// UNREST_SAMPLE_DATA, else a shared/data folder above the test directory, else /work/shared/data.
/// </summary>
public static class SampleData
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Path(string file) => System.IO.Path.Combine(Folder.Value, file);

    public static string Directory => Folder.Value;

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("UNREST_SAMPLE_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        const string workplace = "/work/shared/data";
        return System.IO.Directory.Exists(workplace)
            ? workplace
            : throw new DirectoryNotFoundException("No sample data folder (shared/data above the test directory, or /work/shared/data): set UNREST_SAMPLE_DATA to a folder holding acled_sample.csv and the ucdp_ged*.csv samples.");
    }
}
