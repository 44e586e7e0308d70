namespace UnrestTracker.Api.Infrastructure.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>Marks an endpoint as a write: it needs a key with the write scope.</summary>
    public static RouteHandlerBuilder RequiresWrite(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresWriteMetadata()).RequireAuthorization(AuthSetup.WritePolicy);

    /// <summary>
    /// Marks a group as administration: it needs a key with the admin scope (documented with the padlock as writes are),
    /// and its answers are never kept as idempotency records (they may carry secrets).
    /// </summary>
    public static RouteGroupBuilder RequiresAdmin(this RouteGroupBuilder builder) =>
        builder.WithMetadata(new RequiresWriteMetadata(), new Idempotency.ExcludedFromIdempotencyMetadata()).RequireAuthorization(AuthSetup.AdminPolicy);
}

public sealed class RequiresWriteMetadata;
