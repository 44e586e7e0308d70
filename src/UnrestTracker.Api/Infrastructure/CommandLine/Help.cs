namespace UnrestTracker.Api.Infrastructure.CommandLine;

/// <summary>
/// <c>--help</c> (or <c>-h</c>, <c>help</c>) prints what the program does and exits 0; a first word that is no
/// command prints the same on stderr and exits 2, rather than starting a second server that ignores it.
/// Configuration switches (<c>--urls …</c>, <c>--Key=value</c>, <c>Key=value</c>) still start the server.
/// </summary>
public static class Help
{
    public static string Usage(IEnumerable<CliCommand> commands) => string.Join('\n',
    [
        "UnrestTracker: the HTTP API (reference: docs/api.md, v1), its operator commands and imports.",
        "",
        "usage:",
        "  (no command)                                       serves the API on http://localhost:5080 (--urls URL to change);",
        "                                                     Swagger UI at /swagger, the OpenAPI document at /swagger/v1/swagger.json",
        .. commands.SelectMany(c => CommandLines(c.Usage)),
        "  --help                                             this text",
        "",
        "Commands print their result on stdout (a new key, an import's report as JSON) and log to stderr.",
        "Configuration switches (--urls URL, --ConnectionStrings:Unrest=..., Demo:Load=false) may follow any command.",
    ]);

    /// <summary>The command lines of a command's own usage (its heading and notes left out).</summary>
    private static IEnumerable<string> CommandLines(string usage) =>
        usage.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith("  ", StringComparison.Ordinal));

    /// <summary>The exit code when the arguments ask for help or name no command; null to go on.</summary>
    public static int? Handle(IReadOnlyList<CliCommand> commands, string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help" or "-h" or "-?" or "help", ..])
        {
            output.WriteLine(Usage(commands));
            return 0;
        }
        if (args is [var first, ..] && !first.StartsWith('-') && !first.Contains('='))
        {
            error.WriteLine($"error: unknown command '{first}'\n{Usage(commands)}");
            return 2;
        }
        return null;
    }
}
