using System.Security.Cryptography;
using System.Text;

namespace UnrestTracker.Api.Infrastructure.Embedded;

/// <summary>Where the embedded cluster lives and where PostgreSQL's server binaries are.</summary>
public static class EmbeddedLocations
{
    /// <summary>The default cluster folder: <c>.data/{name}</c> at the repository root, or a reachable fallback.</summary>
    public static string DataDirectory(string name, ILogger logger)
    {
        var preferred = Path.Combine(RepositoryRoot(), ".data", name);
        if (!ProcessRunner.IsRoot || PostgresCanReach(Path.GetDirectoryName(preferred)!))
        {
            return preferred;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preferred)))[..12];
        var fallback = Path.Combine("/var/tmp", "unrest-tracker", hash, name);
        logger.LogWarning("The postgres user cannot reach {Preferred}; using {Fallback} for the embedded cluster instead", preferred, fallback);
        return fallback;
    }

    public static string Binaries()
    {
        var configured = Environment.GetEnvironmentVariable("UNREST_PG_BIN");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(configured);
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.Add("/usr/local/pgsql/bin");
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
                "Install them (Debian: apt-get install postgresql), point UNREST_PG_BIN at their folder, " +
                "or set ConnectionStrings__Unrest to use an existing database.");
    }

    private static bool PostgresCanReach(string directory)
    {
        var probe = directory;
        while (!Directory.Exists(probe))
        {
            probe = Path.GetDirectoryName(probe)!;
        }
        var (code, _) = ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", "test", "-x", probe], false, CancellationToken.None)
            .GetAwaiter().GetResult();
        return code == 0;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnrestTracker.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
