namespace UnrestTracker.Tests.Support;

/// <summary>
/// Files tests write (edited samples, hostile uploads), in one folder of this run that each API fixture empties when its
/// collection is done: the test host is stopped rather than exited, so a handler of process exit would not run.
/// </summary>
public static class TempFiles
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"unrest-tests-{Guid.NewGuid():N}");

    public static string NewPath(string extension) =>
        Path.Combine(Directory.CreateDirectory(Folder).FullName, $"{Guid.NewGuid():N}{extension}");

    public static void Clear()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
