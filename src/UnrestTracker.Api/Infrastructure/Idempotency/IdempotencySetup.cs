namespace UnrestTracker.Api.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    public static IServiceCollection AddUnrestIdempotency(this IServiceCollection services)
    {
        services.AddScoped<IdempotencyStore>();
        services.AddHostedService<IdempotencyPurge>();
        return services;
    }

    /// <summary>After authentication and authorization, so that a refused request never claims a key.</summary>
    public static WebApplication UseUnrestIdempotency(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}

/// <summary>A write whose body is not buffered and replayed: it streams, and is idempotent by itself.</summary>
public sealed class ExcludedFromIdempotencyMetadata;

public static class IdempotencyEndpointExtensions
{
    /// <summary>The endpoint's POSTs are not wrapped in the Idempotency-Key transaction (their body is not buffered).</summary>
    public static RouteHandlerBuilder ExcludeFromIdempotency(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ExcludedFromIdempotencyMetadata());
}

/// <summary>
/// Deletes expired idempotency records at start-up and then every <c>Idempotency:PurgeMinutes</c> (60), so a
/// record lives at most its lifetime plus one interval; a database outage only skips a round.
/// </summary>
internal sealed class IdempotencyPurge(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(configuration.GetValue("Idempotency:PurgeMinutes", 60.0)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(stoppingToken);
                logger.LogInformation("Purged {Count} expired idempotency records", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not purge expired idempotency records");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
