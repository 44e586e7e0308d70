using Microsoft.AspNetCore.Cors.Infrastructure;

namespace UnrestTracker.Api.Infrastructure.Cors;

public static class CorsSetup
{
    public static IServiceCollection AddUnrestCors(this IServiceCollection services)
    {
        services.AddSingleton<ICorsPolicyProvider, ReadWriteCorsPolicies>();
        services.AddCors();
        return services;
    }

    /// <summary>Early, so that a preflight is answered before authentication and rate limits.</summary>
    public static WebApplication UseUnrestCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }
}

/// <summary>
/// Reads (GET, HEAD) are open to any origin: the data is public. Writes are not opened to browsers
/// unless their origins are listed in <c>Cors:WriteOrigins</c> (an array, or a comma-separated string),
/// because a page must not be able to spend a key it has no business holding.
/// </summary>
internal sealed class ReadWriteCorsPolicies(IConfiguration configuration) : ICorsPolicyProvider
{
    private static readonly string[] ExposedHeaders = ["ETag", "Location", "Link", "Content-Location", History.AcceptDatetime.MementoDatetime, "Retry-After", "WWW-Authenticate", "Idempotent-Replayed", Replicas.ReadRouting.LagHeader];

    private readonly CorsPolicy _reads = new CorsPolicyBuilder()
        .AllowAnyOrigin().WithMethods(HttpMethods.Get, HttpMethods.Head).AllowAnyHeader().WithExposedHeaders(ExposedHeaders).Build();

    private readonly CorsPolicy _writes = new CorsPolicyBuilder()
        .WithOrigins(WriteOrigins(configuration)).WithMethods(HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
        .AllowAnyHeader().WithExposedHeaders(ExposedHeaders).Build();

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        var method = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method")
            ? request.Headers.AccessControlRequestMethod.ToString()
            : request.Method;
        return Task.FromResult<CorsPolicy?>(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? _reads : _writes);
    }

    private static string[] WriteOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cors:WriteOrigins");
        var listed = (section.Value ?? "").Split(',').Concat(section.GetChildren().Select(c => c.Value ?? ""));
        return listed.Select(o => o.Trim()).Where(o => o.Length > 0).ToArray();
    }
}
