namespace UnrestTracker.Tests.Support;

/// <summary>
/// The real dataset samples in the steering repository's shared/data (see its SOURCES.md): read there, never copied.
/// Found from UNREST_SAMPLE_DATA, else above the test directory (a clone beside shared/), else at /work/shared/data.
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
            : throw new DirectoryNotFoundException("shared/data not found above the test directory nor at /work/shared/data; set UNREST_SAMPLE_DATA.");
    }
}
