using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.Health;

public static class HealthSetup
{
    public static IServiceCollection AddUnrestHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapUnrestHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = WriteReadinessAsync,
        }).WithTags("Health");
        return app;
    }

    /// <summary>
    /// "Healthy" as plain text, or a 503 problem with Retry-After like every other outage answer. The notes (the
    /// role's weaknesses, replicas by address) go only to whoever runs the service (<see cref="HealthDetails"/>).
    /// </summary>
    private static async Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        var notes = HealthDetails.AreFor(http)
            ? report.Entries.Values.Select(e => e.Description).Where(d => !string.IsNullOrEmpty(d)).ToList()
            : [];
        if (report.Status != HealthStatus.Unhealthy)
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(string.Join(" ", notes.Prepend(report.Status.ToString())));
            return;
        }
        http.Response.Headers.RetryAfter = "5";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Not ready.",
                Detail = notes.Count > 0 ? string.Join(" ", notes) : "The service cannot answer reads yet; the reasons are shown to admin keys.",
            },
        });
    }
}

/// <summary>
/// Ready only when PostgreSQL answers within a couple of seconds; degraded (still 200) when the API's
/// role could rewrite history.
/// </summary>
internal sealed class DatabaseHealthCheck(UnrestDb db, HistoryProtection protection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            if (!await db.Database.CanConnectAsync(timeout.Token))
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
            }
            return protection.Weaknesses.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"History is unprotected: {string.Join("; ", protection.Weaknesses)}.");
        }
        catch (OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer in time.");
        }
    }
}
