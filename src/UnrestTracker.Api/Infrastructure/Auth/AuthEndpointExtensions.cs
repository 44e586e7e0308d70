namespace UnrestTracker.Api.Infrastructure.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>Marks an endpoint as a write: it needs a key with the write scope.</summary>
    public static RouteHandlerBuilder RequiresWrite(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresWriteMetadata()).RequireAuthorization(AuthSetup.WritePolicy);
}

public sealed class RequiresWriteMetadata;
