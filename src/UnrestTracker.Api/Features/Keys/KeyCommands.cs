using System.Text.RegularExpressions;
using UnrestTracker.Api.Infrastructure.CommandLine;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>
/// <c>keys create|list|revoke</c>: the operator's keys. They resolve the database as the API does, starting the embedded
/// cluster if needed (and stopping it again if they started it), and never start the web server. Results go to stdout, logs to stderr.
/// </summary>
public static partial class KeyCommands
{
    public const string Usage = """
        usage:
          keys create --name NAME --scope read|write|admin   prints the new key (only the key) on stdout
          keys list                                          names, scopes, created, last used, revoked
          keys revoke NAME
        Configuration switches such as --ConnectionStrings:Unrest=... may follow.
        """;

    public static CliCommand Command { get; } = new("keys", Usage, RunAsync);

    private delegate Task<int> KeyAction(UnrestDb db, TextWriter output, TextWriter error, CancellationToken ct);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var (switches, words) = OperatorHost.Split(args);
        var (action, problem) = Parse(words);
        if (action is null)
        {
            await error.WriteLineAsync($"error: {problem}\n{Usage}");
            return 2;
        }
        return await OperatorHost.RunWithDatabaseAsync(switches, location => location.MaintenanceConnectionString,
            (db, token) => action(db, output, error, token), error, ct);
    }

    private static (KeyAction?, string) Parse(string[] words) => words switch
    {
        ["keys", "list"] => (KeyActions.ListAsync, ""),
        ["keys", "revoke", var name] => ValidName(name) ? ((db, o, e, ct) => KeyActions.RevokeAsync(db, name, o, e, ct), "") : (null, $"'{name}' is not a key name."),
        ["keys", "create", .. var options] => ParseCreate(options),
        _ => (null, $"unknown command: {string.Join(' ', words)}"),
    };

    private static (KeyAction?, string) ParseCreate(string[] options)
    {
        string? name = null, scopeText = null;
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--name" when value is not null: name = value; break;
                case "--scope" when value is not null: scopeText = value; break;
                default: return (null, $"unexpected option: {options[i]}");
            }
        }
        if (name is null || !ValidName(name))
        {
            return (null, "--name is required: 1 to 100 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.");
        }
        if (!EnumText.TryParse<KeyScope>(scopeText, out var scope))
        {
            return (null, "--scope must be read, write or admin.");
        }
        return ((db, o, e, ct) => KeyActions.CreateAsync(db, name, scope, o, e, ct), "");
    }

    private static bool ValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")]
    private static partial Regex NamePattern();
}
