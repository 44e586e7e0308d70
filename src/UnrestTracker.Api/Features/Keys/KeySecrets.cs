using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>Issues keys and recognises them again; the secret itself is never stored.</summary>
public static class KeySecrets
{
    private const string Prefix = "ut_";

    /// <summary>Issued keys are 46 characters; anything far longer is not one and is refused unhashed.</summary>
    public const int MaxPresentedLength = 256;

    /// <summary>A new random key: 32 bytes of entropy, URL-safe so it survives headers and shells.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Stores a new key and returns its secret, or null when the name is taken.</summary>
    public static async Task<string?> IssueAsync(UnrestDb db, string name, KeyScope scope, CancellationToken ct)
    {
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, ct))
        {
            return null;
        }
        var secret = NewSecret();
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Scope = scope,
            Hash = Hash(secret),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>The scopes a key holds: admin includes write, write includes read.</summary>
    public static IEnumerable<string> ScopesOf(KeyScope scope) =>
        Enum.GetValues<KeyScope>().Where(s => s <= scope).Select(EnumText.Name);
}
