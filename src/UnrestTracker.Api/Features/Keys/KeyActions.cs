using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Keys;

/// <summary>What each key command does once the database is reachable.</summary>
internal static class KeyActions
{
    public static async Task<int> CreateAsync(UnrestDb db, string name, KeyScope scope, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var secret = await KeySecrets.IssueAsync(db, name, scope, ct);
        if (secret is null)
        {
            await error.WriteLineAsync($"error: a key named '{name}' already exists (revoked keys keep their name).");
            return 1;
        }
        await output.WriteLineAsync(secret);
        await error.WriteLineAsync($"Created the {EnumText.Name(scope)} key '{name}'. It is shown once: store it now.");
        return 0;
    }

    public static async Task<int> ListAsync(UnrestDb db, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        await output.WriteLineAsync("NAME\tSCOPE\tCREATED\tLAST_USED\tREVOKED");
        foreach (var key in keys)
        {
            await output.WriteLineAsync(string.Join('\t', key.Name, EnumText.Name(key.Scope), Format(key.CreatedAt), Format(key.LastUsedAt), Format(key.RevokedAt)));
        }
        return 0;
    }

    public static async Task<int> RevokeAsync(UnrestDb db, string name, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == name, ct);
        if (key is null)
        {
            await error.WriteLineAsync($"error: there is no key named '{name}'.");
            return 1;
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
        }
        await error.WriteLineAsync($"The key '{name}' is revoked (since {Format(key.RevokedAt)}).");
        return 0;
    }

    private static string Format(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
