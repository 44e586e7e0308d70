using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Db;

public static class DatabaseSetup
{
    public static IServiceCollection AddUnrestDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseLocation>();
        services.AddSingleton<HistoryProtection>();
        services.AddDbContext<UnrestDb>((sp, options) => Configure(options, sp.GetRequiredService<DatabaseLocation>().ConnectionString));
        services.AddScoped<Writer>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(DatabaseRoles.MigrationsHistory))
        .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Resolves the database, applies migrations when configured to (the default) and checks that history is
    /// protected from the API's own role; false when it serves without a database for now. A database that is not
    /// reachable yet is waited for (<c>Database:StartupWaitSeconds</c>, 60) with a log line per attempt.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILogger<DatabaseLocation>>();
        var migrate = configuration.GetValue("Database:Migrate", true);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(configuration.GetValue("Database:StartupWaitSeconds", 60));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await services.GetRequiredService<DatabaseLocation>().ResolveAsync(ct);
                if (migrate)
                {
                    await services.MigrateAsync(ct);
                }
                await services.GetRequiredService<HistoryProtection>().CheckAsync(ct);
                break;
            }
            catch (Exception e) when (ProblemExceptionHandler.IsDatabaseUnavailable(e) && !migrate)
            {
                // Nothing to prepare: serve now (503 until the database answers), and check the roles later.
                logger.LogWarning("PostgreSQL is not reachable ({Reason}); serving without it until it is", e.Message);
                return false;
            }
            catch (Exception e) when (ProblemExceptionHandler.IsDatabaseUnavailable(e) && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("PostgreSQL is not reachable yet (attempt {Attempt}: {Reason}); retrying in 2 s", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
        return true;
    }

    /// <summary>Migrates as the owner (long command timeout), then grants the API's role what it may do.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        await using (var db = new UnrestDb((DbContextOptions<UnrestDb>)Configure(new DbContextOptionsBuilder<UnrestDb>(), location.MigrationConnectionString).Options))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            var logger = services.GetRequiredService<ILogger<DatabaseLocation>>();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date: no migrations pending");
            }
            else
            {
                logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }
        }
        if (location.SeparateRoles)
        {
            await DatabaseRoles.GrantAsync(location.MigrationConnectionString, location.ApiRole, ct);
        }
    }
}

/// <summary>Whether the API's own connection could rewrite history; said loudly at start-up and on /health/ready.</summary>
public sealed class HistoryProtection(DatabaseLocation location, ILogger<HistoryProtection> logger)
{
    public IReadOnlyList<string> Weaknesses { get; private set; } = [];

    public async Task CheckAsync(CancellationToken ct)
    {
        Weaknesses = await DatabaseRoles.WeaknessesAsync(location.ConnectionString, ct);
        if (Weaknesses.Count > 0)
        {
            logger.LogWarning(
                "HISTORY IS UNPROTECTED: {Weaknesses}. Serve as a role that may only SELECT and INSERT history " +
                "(docs/roles.md): set ConnectionStrings__Unrest to it and ConnectionStrings__UnrestMigrations to the owner",
                string.Join("; ", Weaknesses));
        }
    }
}
