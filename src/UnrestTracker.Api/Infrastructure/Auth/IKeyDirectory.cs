namespace UnrestTracker.Api.Infrastructure.Auth;

/// <summary>
/// The keys this deployment knows, held in memory so a request can be put in its client's rate-limit
/// bucket before any database work. Refreshed every few seconds: a new or revoked key finds its bucket
/// within that time (authentication itself still asks the database, so revocation refuses at once).
/// </summary>
public interface IKeyDirectory
{
    /// <summary>The name of the active key <paramref name="presentedKey"/>, or null when it is not one.</summary>
    string? OwnerOf(string presentedKey);
}
