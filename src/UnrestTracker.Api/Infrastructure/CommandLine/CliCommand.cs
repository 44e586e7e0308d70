namespace UnrestTracker.Api.Infrastructure.CommandLine;

/// <summary>
/// A command of the program instead of the server (<c>keys …</c>, <c>import …</c>, <c>migrate</c>): the first word it answers to,
/// its usage lines, and what it does with the whole argument list. Features declare theirs; Program.cs lists them once.
/// </summary>
public sealed record CliCommand(string Word, string Usage, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> RunAsync)
{
    /// <summary>
    /// Runs the command the first word names, or answers <c>--help</c>; null when the arguments start the server (none,
    /// or configuration switches only). A first word that is no command is an error, rather than a second server that ignores it.
    /// </summary>
    public static async Task<int?> RunFirstAsync(IReadOnlyList<CliCommand> commands, string[] args, TextWriter output, TextWriter error)
    {
        if (args is [var word, ..] && commands.FirstOrDefault(c => c.Word == word) is { } command)
        {
            return await command.RunAsync(args, output, error, CancellationToken.None);
        }
        return Help.Handle(commands, args, output, error);
    }
}
