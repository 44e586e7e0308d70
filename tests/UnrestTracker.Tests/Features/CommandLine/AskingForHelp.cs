using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.CommandLine;

/// <summary>A newcomer types <c>-- --help</c> (or a command that does not exist): usage, an exit code, no server.</summary>
public sealed class AskingForHelp(ApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_every_command_and_exits_0(string flag)
    {
        var (exit, stdout, _) = await OperatorCommand.RunAsync(Api, flag);

        Assert.Equal(0, exit);
        foreach (var command in new[] { "keys create", "keys list", "keys revoke", "migrate", "import acled|ucdp", "import acled-deletions", "/swagger" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_named_with_the_usage_and_exit_2()
    {
        var (exit, stdout, stderr) = await OperatorCommand.RunAsync(Api, "serve");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("unknown command 'serve'", stderr, StringComparison.Ordinal);
        Assert.Contains("keys create", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_says_that_nothing_was_pending_on_a_migrated_database()
    {
        var (exit, _, stderr) = await OperatorCommand.RunAsync(Api, "migrate");

        Assert.Equal(0, exit);
        Assert.Contains("no migrations pending", stderr, StringComparison.Ordinal);
    }
}
