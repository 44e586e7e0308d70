using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using UnrestTracker.Api.Infrastructure.Auth;

namespace UnrestTracker.Api.Infrastructure.RateLimiting;

/// <summary>
/// Per-minute budgets: one per API key, one per network for anonymous callers (<see cref="ClientIdentity"/>);
/// 0 turns a budget off. Every path spends them, health probes and Swagger included: an unknown key costs one
/// database lookup wherever it is presented. Runs before any database work: a key is recognised through the
/// in-memory <see cref="IKeyDirectory"/>, and a key it does not know spends its network's budget, so random
/// keys buy no fresh buckets and a client over its limit costs the database nothing.
/// </summary>
public static class RateLimitSetup
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddUnrestRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var perKey = configuration.GetValue("RateLimiting:KeyPermitsPerMinute", 6000);
            var perAddress = configuration.GetValue("RateLimiting:AnonymousPermitsPerMinute", 600);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => OwnerOf(http) is { } owner
                ? Budget(ClientIdentity.OfKey(owner), perKey)
                : Budget(ClientIdentity.OfAddress(http.Connection.RemoteIpAddress), perAddress));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static string? OwnerOf(HttpContext http) =>
        KeyHeaders.Read(http.Request) is { } key ? http.RequestServices.GetRequiredService<IKeyDirectory>().OwnerOf(key) : null;

    private static RateLimitPartition<string> Budget(string partition, int permitsPerMinute) => permitsPerMinute <= 0
        ? RateLimitPartition.GetNoLimiter(partition)
        : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = Window,
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                Title = "Too many requests.",
                Detail = $"This client is over its rate limit; try again in {seconds} s.",
            },
        });
    }
}
