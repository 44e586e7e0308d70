using System.Security.Cryptography;
using System.Text;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>Standard Webhooks secrets (<c>whsec_</c> and the base64 of 24 to 64 random bytes) and signatures.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a secret of the right form, or null.</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var text = secret[Prefix.Length..];
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) && length is >= 24 and <= 64 ? bytes[..length] : null;
    }

    /// <summary><c>v1,</c> and the base64 of HMAC-SHA256("{id}.{timestamp}.{body}") keyed with the secret's bytes.</summary>
    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret)!, (byte[])[.. prefix, .. body]));
    }
}
