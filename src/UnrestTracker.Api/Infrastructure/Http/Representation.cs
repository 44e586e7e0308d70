using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using UnrestTracker.Api.Infrastructure.Json;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// The strong ETags of single resources (<see cref="Resource{T}"/>), derived from exactly what the client sees, so a tag
/// moves with a new version, a retraction or a tombstone alike; and the <c>If-Match</c> precondition of their edits.
/// </summary>
public static class Representation
{
    public static string ETagOf<T>(T value) => ETagOf(JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options));

    internal static string ETagOf(byte[] body) =>
        $"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_')}\"";

    /// <summary>
    /// The PUT precondition: 428 without If-Match or with <c>*</c> (which any state matches, so it would not stop a lost
    /// update), 412 when it names another representation.
    /// </summary>
    public static ProblemResult? CheckIfMatch<T>(HttpContext http, T current)
    {
        var header = http.Request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(header))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match is required.", detail: "Send the ETag of the representation you edited in If-Match.");
        }
        if (Tags(header).Contains("*"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match must name an ETag.", detail: "If-Match: * matches any version, so it cannot tell that someone else edited "
                + "the resource since you read it. Send the ETag of the representation you edited (the ETag header of its GET).");
        }
        if (!Matches(header, ETagOf(current), weak: false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The resource has changed.", detail: "Its ETag no longer matches If-Match: GET it again and reapply your edit.");
        }
        return null;
    }

    /// <summary>Handles <c>*</c>, lists and (for If-None-Match only) weak validators, compared weakly (RFC 9110 §8.8.3.2).</summary>
    public static bool Matches(StringValues header, string etag, bool weak)
    {
        foreach (var raw in Tags(header))
        {
            if (raw == "*")
            {
                return true;
            }
            var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? weak ? raw[2..] : null : raw;
            if (tag is not null && tag == (weak && etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> Tags(StringValues header) =>
        header.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    internal static Task WriteAsync(HttpContext http, byte[] body, int status)
    {
        http.Response.StatusCode = status;
        return TypedResults.Bytes(body, "application/json; charset=utf-8").ExecuteAsync(http);
    }
}
