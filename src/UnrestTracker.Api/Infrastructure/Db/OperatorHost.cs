using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Logging;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// The host of the operator's commands: the database found as the API finds it (starting the embedded
/// cluster if needed, and stopping it again if it was started here), migrations applied, no web server.
/// Logs go to stderr, so that stdout carries only the command's result.
/// </summary>
public static class OperatorHost
{
    public static async Task<int> RunAsync(string[] switches, bool migrate, Action<IServiceCollection> services,
        Func<IServiceProvider, CancellationToken, Task<int>> work, TextWriter error, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(switches);
        builder.AddUnrestLogging();
        builder.Services.AddUnrestDatabase();
        services(builder.Services);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        using var host = builder.Build();
        await host.StartAsync(ct);
        try
        {
            await host.Services.GetRequiredService<DatabaseLocation>().ResolveAsync(ct);
            // Commands need their tables; an operator who migrates separately (Database:Migrate=false) keeps that control.
            if (migrate || host.Services.GetRequiredService<IConfiguration>().GetValue("Database:Migrate", true))
            {
                await host.Services.MigrateAsync(ct);
            }
            return await work(host.Services, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a context on the connection <paramref name="connection"/> picks: the owner's
    /// (<see cref="DatabaseLocation.MigrationConnectionString"/>) for what only the owner may write, else the maintenance one.
    /// </summary>
    public static Task<int> RunWithDatabaseAsync(string[] switches, Func<DatabaseLocation, string> connection,
        Func<UnrestDb, CancellationToken, Task<int>> work, TextWriter error, CancellationToken ct) =>
        RunAsync(switches, false, _ => { }, async (services, token) =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
            db.Database.SetConnectionString(connection(services.GetRequiredService<DatabaseLocation>()));
            return await work(db, token);
        }, error, ct);

    /// <summary>The arguments apart: configuration switches (<c>--Section:Key=value</c>) and the command's own words and options.</summary>
    public static (string[] Switches, string[] Words) Split(string[] args) =>
        (args.Where(IsConfigurationSwitch).ToArray(), args.Where(a => !IsConfigurationSwitch(a)).ToArray());

    private static bool IsConfigurationSwitch(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
}
