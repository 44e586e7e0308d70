namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// The largest request body the server reads: 2 MiB unless <c>Http:MaxBodyBytes</c> says otherwise (imports raise it
/// for their own requests to <c>Imports:MaxBytes</c>). A statement of 100 figures and 100 external refs with every text
/// at its limit is about 0.5 MB of UTF-8 JSON; a body of millions of tiny array items is a 413 before it is parsed, and
/// the 100-item cap (<see cref="Problems.BodyLimits"/>) answers what fits.
/// </summary>
public static class BodySize
{
    public const long DefaultMaxBytes = 2L << 20;

    public static WebApplicationBuilder LimitBodies(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue("Http:MaxBodyBytes", DefaultMaxBytes));
        return builder;
    }
}
