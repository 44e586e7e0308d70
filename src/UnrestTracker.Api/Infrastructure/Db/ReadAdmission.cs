using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// What a read of claims may cost this instance. A time-travel read (<c>asOf</c> or <c>recordedAsOf</c> given) costs index
/// probes per series, but nothing remembered helps it, so at most <c>Reads:MaxTimeTravel</c> (twice the processors) run at
/// once; one more waits up to <c>Reads:TimeTravelQueueMilliseconds</c> (1,000) for a slot, then answers 429 with Retry-After. Every read has one deadline for all its statements, <c>Database:RequestTimeoutSeconds</c> (10): past
/// it the request's statements are cancelled (the connection stays in the pool) and it answers 503. Where an endpoint
/// streams its CSV through the export gate (Infrastructure/Export), that gate and its timeout govern the export instead.
/// The moment is read from the query after Accept-Datetime has been put into it (SnapshotLink), so the header counts too.
/// </summary>
public sealed class ReadAdmission(IConfiguration configuration)
{
    public const int RetryAfterSeconds = 2;

    private readonly SemaphoreSlim _timeTravel = new(Math.Max(1, configuration.GetValue("Reads:MaxTimeTravel", 2 * Environment.ProcessorCount)));
    private readonly TimeSpan _queue = TimeSpan.FromMilliseconds(Math.Max(0, configuration.GetValue("Reads:TimeTravelQueueMilliseconds", 1000)));
    private readonly TimeSpan _deadline = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:RequestTimeoutSeconds", 10)));

    public static bool IsTimeTravel(HttpRequest request) => request.Query.ContainsKey("asOf") || request.Query.ContainsKey("recordedAsOf");

    private static bool IsExport(HttpRequest request) =>
        request.Query.ContainsKey("format") || request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, ReadCost cost)
    {
        var http = context.HttpContext;
        if (cost == ReadCost.ExportsGatedElsewhere && IsExport(http.Request))
        {
            return await next(context);
        }
        var client = http.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(client);
        deadline.CancelAfter(_deadline);
        var timeTravel = cost == ReadCost.AlwaysTimeTravel || IsTimeTravel(http.Request);
        if (timeTravel && !await WaitForTimeTravelAsync(deadline.Token))
        {
            if (client.IsCancellationRequested)
            {
                return Results.Empty;
            }
            http.Response.Headers.RetryAfter = $"{RetryAfterSeconds}";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many time-travel reads at once.",
                detail: $"This server is already answering as many reads with asOf or recordedAsOf as it may; try again in {RetryAfterSeconds} s.");
        }
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is CancellationToken)
            {
                context.Arguments[i] = deadline.Token;
            }
        }
        http.RequestAborted = deadline.Token;
        try
        {
            return await next(context);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !client.IsCancellationRequested
            && (e is OperationCanceledException || ProblemExceptionHandler.IsQueryTooExpensive(e)))
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The query was too expensive.",
                detail: $"It ran past this server's deadline of {_deadline.TotalSeconds:0} s for one request. Narrow it or try again later.");
        }
        finally
        {
            http.RequestAborted = client;
            if (timeTravel)
            {
                _timeTravel.Release();
            }
        }
    }

    /// <summary>A slot for a time-travel read, waited for up to <c>Reads:TimeTravelQueueMilliseconds</c> within the request's deadline.</summary>
    private async Task<bool> WaitForTimeTravelAsync(CancellationToken deadline)
    {
        try
        {
            return await _timeTravel.WaitAsync(_queue, deadline);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

public enum ReadCost
{
    /// <summary>Time travel when the request names a moment.</summary>
    AtTheRequestedMoment,

    /// <summary>As above, but its CSV export takes an export slot instead (<see cref="Export.ExportAdmission"/>).</summary>
    ExportsGatedElsewhere,

    /// <summary>Answers at past moments whatever it is asked (over-time's buckets).</summary>
    AlwaysTimeTravel,
}

public static class ReadAdmissionExtensions
{
    /// <summary>Admits the read through the instance's one <see cref="ReadAdmission"/>: its time-travel cap and its deadline.</summary>
    public static TBuilder WithReadAdmission<TBuilder>(this TBuilder builder, ReadCost cost = ReadCost.AtTheRequestedMoment)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<ReadAdmission>().InvokeAsync(context, next, cost));
}
