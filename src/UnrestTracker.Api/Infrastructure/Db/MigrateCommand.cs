using UnrestTracker.Api.Infrastructure.CommandLine;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary><c>migrate</c>: the database found as the API finds it, its migrations applied (even with Database:Migrate=false), nothing else.</summary>
public static class MigrateCommand
{
    public const string Usage = """
        usage:
          migrate                                            applies database migrations and exits
        """;

    public static CliCommand Command { get; } = new("migrate", Usage, RunAsync);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (switches, words) = OperatorHost.Split(args);
        if (words is not ["migrate"])
        {
            await error.WriteLineAsync($"error: unknown command: {string.Join(' ', words)}\n{Usage}");
            return 2;
        }
        return await OperatorHost.RunAsync(switches, true, _ => { }, async (_, _) =>
        {
            await error.WriteLineAsync("The database is migrated.");
            return 0;
        }, error, ct);
    }
}
