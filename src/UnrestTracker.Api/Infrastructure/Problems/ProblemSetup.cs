using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Problems;

public static class ProblemSetup
{
    public static IServiceCollection AddUnrestProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            // The framework names a type for the common statuses only; these are the others the API answers.
            c.ProblemDetails.Type ??= c.ProblemDetails.Status switch
            {
                StatusCodes.Status412PreconditionFailed => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
                StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
                StatusCodes.Status428PreconditionRequired => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
                StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                _ => null,
            };
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        AnswerEveryAccept(services);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures throw, so the handler can say which field was wrong instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// The framework's writer declines when Accept names neither JSON nor problem+json (text/event-stream, text/csv,
    /// image/png), and status-code pages then fall back to plain text. Every error is problem+json whatever the client
    /// accepts (docs/api.md, Conventions), so the writer AddProblemDetails registered is wrapped to always accept.
    /// </summary>
    private static void AnswerEveryAccept(IServiceCollection services)
    {
        foreach (var registered in services.Where(d => d.ServiceType == typeof(IProblemDetailsWriter) && d.ImplementationType is not null).ToList())
        {
            services.Remove(registered);
            services.AddSingleton<IProblemDetailsWriter>(provider =>
                new WhateverIsAccepted((IProblemDetailsWriter)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)));
        }
    }

    private sealed class WhateverIsAccepted(IProblemDetailsWriter inner) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context) => inner.WriteAsync(context);
    }

    public static WebApplication UseUnrestProblems(this WebApplication app)
    {
        // No cache may keep an error: it says nothing lasting about the resource.
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode >= 400)
                {
                    http.Response.Headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseExceptionHandler();
        // Empty 4xx/5xx (unknown routes, 405, 415, ...) become problem+json.
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>The last line of defence: every exception becomes problem+json, a dead database a 503.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = Logging.RequestLogging.ClientClosedRequest;
            return true;
        }
        var (status, title, detail, errors) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request failed with {Status}, trace {TraceId}", status, http.TraceIdentifier);
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "5";
        }
        if (status == StatusCodes.Status503ServiceUnavailable && IsConnectionLost(exception)
            && http.RequestServices.GetService<Db.UnrestDb>()?.Database.GetConnectionString() is { } connectionString)
        {
            // Pooled connections to a server that went away are dead; drop this pool's idle ones so that recovery needs no
            // restart. Never for a pool that is merely exhausted, a timeout or a cancelled statement: the server is fine, and
            // dropping everyone's connections would turn one slow request into a failure for every client.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        }
        http.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string?, Dictionary<string, string[]>?) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this resource.", null,
            new Dictionary<string, string[]> { [JsonPath(json.Path)] = [JsonErrors.Describe(json)] }),
        BadHttpRequestException { StatusCode: 400 } bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
            (400, "The request body is missing.", "Send a JSON object with this resource's fields.", null),
        BadHttpRequestException bad => (bad.StatusCode, ReasonOf(bad.StatusCode), bad.Message, null),
        _ when IsQueryTooExpensive(exception) => (503, "The query was too expensive.",
            "It ran past this server's statement timeout. Narrow it (an incident, a period, fewer filters left open) or try again later.", null),
        _ when IsDatabaseUnavailable(exception) => (503, "The database is unavailable.", "Try again shortly.", null),
        _ when IsRecoveryConflict(exception) => (503, "A read replica cancelled the query.", "It conflicted with the replica's replay of newer writes. Try again.", null),
        _ => (500, "An unexpected error occurred.", null, null),
    };

    private static string ReasonOf(int status) => status switch
    {
        413 => "The request body is too large.",
        415 => "Unsupported media type: send application/json.",
        _ => "The request is invalid.",
    };

    /// <summary>"$.figures[0].low" becomes "figures[0].low"; the root is "body".</summary>
    internal static string JsonPath(string? path)
    {
        var trimmed = (path ?? "$").TrimStart('$').TrimStart('.');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    /// <summary>PostgreSQL cancelled the statement itself (57014: its statement timeout), the connection is healthy.</summary>
    internal static bool IsQueryTooExpensive(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A standby cancelled the query to replay WAL it conflicted with (40001, "conflict with recovery"): worth asking again.</summary>
    internal static bool IsRecoveryConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The connection itself broke (the server went away or shut down): not a pool out of connections, not a timeout.</summary>
    internal static bool IsConnectionLost(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case SocketException:
                case System.IO.EndOfStreamException:
                    return true;
                case TimeoutException:
                    return false;
            }
        }
        return false;
    }

    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState == "53300";
                case NpgsqlException:
                case TimeoutException:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
