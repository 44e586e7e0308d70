using Serilog;
using Serilog.Events;

namespace UnrestTracker.Api.Infrastructure.Logging;

/// <summary>
/// One line per request at a level its real status deserves: a client's mistake (4xx) is information,
/// a client that went away (499) too, only the server's own failures (5xx) are errors. Each line
/// carries the trace id that a problem+json answer shows, so a client's report finds its line.
/// </summary>
public static class RequestLogging
{
    /// <summary>The status logged for a client that closed the connection before its answer was complete (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseUnrestRequestLogging(this IApplicationBuilder app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode}{ClientClosed:l} in {Elapsed:0.0000} ms, trace {TraceId:l}";
            o.GetLevel = (http, _, exception) =>
                exception is null && (http.Response.StatusCode < 500 || http.RequestAborted.IsCancellationRequested) ? LogEventLevel.Information : LogEventLevel.Error;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("TraceId", http.TraceIdentifier);
                diagnostics.Set("ClientClosed", http.RequestAborted.IsCancellationRequested ? " (the client closed the connection first)" : "");
            };
        });
        // A client that hung up mid-answer is not a server failure; outside the exception handler,
        // which can do nothing once the response has started.
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                if (!http.Response.HasStarted)
                {
                    http.Response.StatusCode = ClientClosedRequest;
                }
            }
        });
        return app;
    }
}
