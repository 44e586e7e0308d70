using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Replicas;

public static class ReplicaSetup
{
    public static IServiceCollection AddUnrestReplicas(this IServiceCollection services)
    {
        services.AddSingleton<ClientFloors>();
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replicas", tags: ["ready"]);
        services.ConfigureSwaggerGen(o => o.OperationFilter<ReplicaLagHeaderFilter>());
        return services;
    }

    /// <summary>After authentication (which touches keys on the primary) and before the endpoints.</summary>
    public static IApplicationBuilder UseReadReplicas(this IApplicationBuilder app) => app.UseMiddleware<ReadRouting>();
}

/// <summary>
/// Each replica on <c>/health/ready</c>: how far behind it is, or why reads skip it. A skipped replica degrades
/// readiness (still 200: the primary answers its reads); nothing is said when no replica is configured.
/// </summary>
internal sealed class ReplicaHealthCheck(ReplicaMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (monitor.Replicas.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        var notes = monitor.Replicas.Select(r => r.Status switch
        {
            null => $"Replica {r.Name}: not checked yet.",
            { Problem: { } problem } => $"Replica {r.Name}: skipped, {problem}.",
            { } status => $"Replica {r.Name}: serving reads, {status.BehindSeconds:0.0} s behind.",
        });
        var description = string.Join(" ", notes);
        return Task.FromResult(monitor.Replicas.All(r => r.Status is { Problem: null })
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Degraded(description));
    }
}

/// <summary>Documents <c>Replica-Lag</c> on every read's success.</summary>
internal sealed class ReplicaLagHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod != "GET" || context.ApiDescription.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) != true
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
        {
            return;
        }
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[ReadRouting.LagHeader] = new OpenApiHeader
        {
            Description = "Present only when a streaming replica answered (ConnectionStrings__UnrestReplicas): how many seconds its " +
                "replay trailed the primary. The answer and its snapshot link are pinned to the newest write that replica had.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Number },
        };
    }
}
