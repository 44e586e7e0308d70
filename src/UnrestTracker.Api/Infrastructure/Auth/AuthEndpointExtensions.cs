namespace UnrestTracker.Api.Infrastructure.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>Marks an endpoint, or every endpoint of a group, as a write: it needs a key with the write scope.</summary>
    public static TBuilder RequiresWrite<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresWriteMetadata()).RequireAuthorization(AuthSetup.WritePolicy);

    /// <summary>The writes of a feature's group: a group of no path of its own whose endpoints all need the write scope.</summary>
    public static RouteGroupBuilder Writes(this RouteGroupBuilder group) => group.MapGroup("").RequiresWrite();

    /// <summary>
    /// Marks a group as administration: it needs a key with the admin scope (documented with the padlock as writes are),
    /// and its answers are never kept as idempotency records (they may carry secrets).
    /// </summary>
    public static RouteGroupBuilder RequiresAdmin(this RouteGroupBuilder builder) =>
        builder.WithMetadata(new RequiresWriteMetadata(), new Idempotency.ExcludedFromIdempotencyMetadata()).RequireAuthorization(AuthSetup.AdminPolicy);
}

public sealed class RequiresWriteMetadata;
