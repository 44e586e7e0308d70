using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>
/// An opaque keyset cursor: the sort key of the last item returned, signed with HMAC so that
/// a tampered cursor is a 400 rather than a silent jump. The list name is signed in too,
/// so a cursor from one list is refused by another.
/// </summary>
public static class Cursor
{
    // Until start-up loads the deployment's secret (CursorSecret), a random one: never a value in the source.
    private static byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public static void UseSecret(byte[] secret) => _secret = secret;

    public static string Encode(string list, params object?[] keys)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(keys);
        return $"{Base64Url(payload)}.{Base64Url(Sign(list, payload))}";
    }

    public static bool TryDecode(string list, string cursor, out JsonElement[] keys)
    {
        keys = [];
        var parts = cursor.Split('.');
        if (parts.Length != 2 || !TryFromBase64Url(parts[0], out var payload) || !TryFromBase64Url(parts[1], out var signature))
        {
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(list, payload)))
        {
            return false;
        }
        try
        {
            keys = JsonSerializer.Deserialize<JsonElement[]>(payload) ?? [];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Sign(string list, byte[] payload) =>
        HMACSHA256.HashData(_secret, (byte[])[.. Encoding.UTF8.GetBytes(list), 0, .. payload])[..16];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return false;
        }
        bytes = bytes[..written];
        return true;
    }
}

/// <summary>The list shape of every collection: <c>{ items, nextCursor }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
