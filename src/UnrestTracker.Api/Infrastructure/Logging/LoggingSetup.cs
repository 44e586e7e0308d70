using Serilog;
using Serilog.Events;

namespace UnrestTracker.Api.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>Serilog to stderr (stdout stays clean for CLI output such as a new key), one line per request.</summary>
    public static TBuilder AddUnrestLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            // Sinks registered as services too (the tests read the log through one).
            .ReadFrom.Services(services)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // Failed commands surface through the exception handler; EF would also log the expected
            // "no migrations table yet" probe of a fresh database as an error.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose));
        return builder;
    }
}
