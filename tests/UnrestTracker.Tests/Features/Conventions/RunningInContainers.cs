using System.Text.RegularExpressions;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// What <c>docker compose up</c> would run, read from the files themselves (no container engine in the test run):
/// the image is not root, no password is written into the repository, and the serving container holds no owner's
/// credentials and loads no demo.
/// </summary>
public sealed partial class RunningInContainers
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([EmbeddedLocations.RepositoryRoot(), .. path]));

    /// <summary>The lines of one top-level service of the compose file (two-space indented key to the next one).</summary>
    private static string Service(string name)
    {
        var lines = Read("docker-compose.yml").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == $"  {name}:");
        Assert.True(start >= 0, $"no service {name}");
        var end = Array.FindIndex(lines, start + 1, l => TopLevelKey().IsMatch(l));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    [Fact]
    public void The_image_runs_as_an_unprivileged_user()
    {
        var finalStage = Read("src", "UnrestTracker.Api", "Dockerfile").Split("\nFROM ")[^1];

        var user = Assert.Single(UserLine().Matches(finalStage)).Groups[1].Value;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
    }

    [Fact]
    public void No_password_is_written_into_the_compose_file_or_the_database_scripts()
    {
        string[] files = [Read("docker-compose.yml"), Read("docker", "postgres-roles.sh"), Read("docker", "postgres-replication.sh")];

        Assert.All(files, text =>
        {
            Assert.DoesNotMatch(@"Password=(?!\$\{)", text);
            Assert.DoesNotMatch(@"PASSWORD\s*'", text);
            Assert.DoesNotMatch(new Regex(@"^\s*\w*PASSWORD:\s*(?!\$\{)\S", RegexOptions.Multiline), text);
        });
        Assert.Contains("UNREST_API_PASSWORD=", Read(".env.example"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_service_serves_as_its_own_role_without_migrating_or_loading_the_demo()
    {
        var api = Service("api");

        Assert.DoesNotContain("UnrestMigrations", api, StringComparison.Ordinal);
        Assert.DoesNotContain("unrest_owner", api, StringComparison.Ordinal);
        Assert.Contains("Username=unrest_api", api, StringComparison.Ordinal);
        Assert.Contains("Database__Migrate: \"false\"", api, StringComparison.Ordinal);
        Assert.Contains("Demo__Load: \"false\"", api, StringComparison.Ordinal);
        Assert.Contains("service_completed_successfully", api, StringComparison.Ordinal);
        Assert.Contains("command: [\"migrate\"]", Service("migrate"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^  [A-Za-z0-9_-]+:\s*$|^\S")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^USER\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
