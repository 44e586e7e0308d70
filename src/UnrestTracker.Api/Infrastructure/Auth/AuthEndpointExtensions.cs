namespace UnrestTracker.Api.Infrastructure.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>Marks an endpoint as a write: it will need a key with the write scope.</summary>
    public static RouteHandlerBuilder RequiresWrite(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresWriteMetadata());
}

public sealed class RequiresWriteMetadata;
