using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.ReadModel;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>
/// The operator's commands (<c>keys create|list|revoke</c>, <c>migrate</c>, <c>rebuild-read-model</c>). They resolve the
/// database as the API does, starting the embedded cluster if needed (and stopping it again if
/// they started it), and never start the web server. Results go to stdout, logs to stderr.
/// </summary>
public static partial class KeyCommands
{
    public const string Usage = """
        usage:
          keys create --name NAME --scope read|write|admin   prints the new key (only the key) on stdout
          keys list                                          names, scopes, created, last used, revoked
          keys revoke NAME
          migrate                                            applies database migrations and exits
          rebuild-read-model [--check]                       refills the statuses kept for "now" from history, as the owner, in one
                                                             transaction; --check only compares them with history's definition,
                                                             prints each difference and exits 1 if there is any
        Configuration switches such as --ConnectionStrings:Unrest=... may follow.
        """;

    private delegate Task<int> Command(UnrestDb db, TextWriter output, TextWriter error, CancellationToken ct);

    public static bool Handles(string[] args) => args is ["keys", ..] or ["migrate", ..] or ["rebuild-read-model", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var switches = args.Where(IsConfigurationSwitch).ToArray();
        var words = args.Where(a => !IsConfigurationSwitch(a)).ToArray();
        var (command, problem) = Parse(words);
        if (command is null)
        {
            await error.WriteLineAsync($"error: {problem}\n{Usage}");
            return 2;
        }
        return await OperatorHost.RunAsync(switches, words is ["migrate"], _ => { }, async (services, token) =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
            var location = services.GetRequiredService<DatabaseLocation>();
            // The read model is written only by the tables' owner (the API's role may only read it).
            db.Database.SetConnectionString(words is ["rebuild-read-model", ..] ? location.MigrationConnectionString : location.MaintenanceConnectionString);
            return await command(db, output, error, token);
        }, error, ct);
    }

    private static bool IsConfigurationSwitch(string arg) => OperatorHost.IsConfigurationSwitch(arg);

    private static (Command?, string) Parse(string[] words) => words switch
    {
        ["migrate"] => (KeyActions.MigrateAsync, ""),
        ["rebuild-read-model"] => (ReadModelActions.RebuildAsync, ""),
        ["rebuild-read-model", "--check"] => (ReadModelActions.CheckAsync, ""),
        ["keys", "list"] => (KeyActions.ListAsync, ""),
        ["keys", "revoke", var name] => ValidName(name) ? ((db, o, e, ct) => KeyActions.RevokeAsync(db, name, o, e, ct), "") : (null, $"'{name}' is not a key name."),
        ["keys", "create", .. var options] => ParseCreate(options),
        _ => (null, $"unknown command: {string.Join(' ', words)}"),
    };

    private static (Command?, string) ParseCreate(string[] options)
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
