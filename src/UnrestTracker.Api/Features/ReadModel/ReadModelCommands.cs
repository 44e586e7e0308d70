using UnrestTracker.Api.Infrastructure.CommandLine;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.ReadModel;

/// <summary><c>rebuild-read-model [--check]</c>, as the tables' owner: the API's role may only read what the writes keep.</summary>
public static class ReadModelCommands
{
    public const string Usage = """
        usage:
          rebuild-read-model [--check]                       refills the statuses kept for "now" from history, as the owner, in one
                                                             transaction; --check only compares them with history's definition,
                                                             prints each difference and exits 1 if there is any
        """;

    public static CliCommand Command { get; } = new("rebuild-read-model", Usage, RunAsync);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (switches, words) = OperatorHost.Split(args);
        Func<UnrestDb, TextWriter, TextWriter, CancellationToken, Task<int>>? action = words switch
        {
            ["rebuild-read-model"] => ReadModelActions.RebuildAsync,
            ["rebuild-read-model", "--check"] => ReadModelActions.CheckAsync,
            _ => null,
        };
        if (action is null)
        {
            await error.WriteLineAsync($"error: unknown command: {string.Join(' ', words)}\n{Usage}");
            return 2;
        }
        return await OperatorHost.RunWithDatabaseAsync(switches, location => location.MigrationConnectionString,
            (db, token) => action(db, output, error, token), error, ct);
    }
}
