using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>
/// Single resources with a strong ETag derived from exactly what the client sees, so it moves
/// with a new version, a retraction or a tombstone alike.
/// </summary>
public static class Representation
{
    public static string ETagOf<T>(T value) => ETagOf(JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options));

    private static string ETagOf(byte[] body) =>
        $"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_')}\"";

    /// <summary>200 with the body and its ETag, or 304 when <c>If-None-Match</c> already has it.</summary>
    public static IResult Ok<T>(HttpContext http, T value, int status = StatusCodes.Status200OK)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options);
        return Answer(http, body, ETagOf(body), status);
    }

    /// <summary>
    /// 200 with the body, under the ETag of <paramref name="tagged"/>: the part of it that <c>If-Match</c> guards. When
    /// the rest of the body can change under the same tag (<paramref name="restMoves"/>), <c>If-None-Match</c> is not
    /// answered 304: the tag cannot tell the client's copy from the current one.
    /// </summary>
    public static IResult OkTagged<T, TTagged>(HttpContext http, T value, TTagged tagged, bool restMoves)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options);
        return restMoves
            ? Answer(http, body, ETagOf(tagged), StatusCodes.Status200OK, revalidates: false)
            : Answer(http, body, ETagOf(tagged), StatusCodes.Status200OK);
    }

    private static IResult Answer(HttpContext http, byte[] body, string etag, int status, bool revalidates = true)
    {
        http.Response.Headers.ETag = etag;
        if (revalidates && status == StatusCodes.Status200OK && Matches(http.Request.Headers.IfNoneMatch, etag, weak: true))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(body, "application/json; charset=utf-8").WithStatus(status);
    }

    public static IResult Created<T>(HttpContext http, string location, T value)
    {
        http.Response.Headers.Location = location;
        return Ok(http, value, StatusCodes.Status201Created);
    }

    /// <summary>
    /// The PUT precondition: 428 without If-Match or with <c>*</c> (which any state matches, so it would not stop a lost
    /// update), 412 when it names another representation.
    /// </summary>
    public static IResult? CheckIfMatch<T>(HttpContext http, T current)
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

    private static IResult WithStatus(this IResult result, int status) =>
        status == StatusCodes.Status200OK ? result : new StatusResult(result, status);

    private sealed class StatusResult(IResult inner, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
