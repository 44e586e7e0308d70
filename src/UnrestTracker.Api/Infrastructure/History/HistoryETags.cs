using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>Marks a read whose answer is fixed by W and its URL: it carries a weak ETag and answers 304 without reading.</summary>
public sealed class HistoryETagMetadata;

/// <summary>
/// Weak ETags of lists, series, timelines, stats and exports, made from what fixes their bytes without reading them:
/// W (or the snapshot's <c>recordedAsOf</c>, which later writes cannot move), the URL, the representation (the
/// <c>Accept</c> a list chooses its format by) and <see cref="AnswerVersion"/>. An endpoint opts in with
/// <c>.WithHistoryETag()</c> and takes its query parameters as typed arguments (<see cref="Paging.IQueryParameters{TSelf}"/>):
/// a bad one stays a 400 (<see cref="Paging.QueryErrors"/>), and when <c>If-None-Match</c> already holds the tag the answer
/// is a 304 before the handler reads anything.
/// </summary>
public static class HistoryETags
{
    /// <summary>Changes with every release that changes any answer's bytes, so no cache keeps an old rendering.</summary>
    public const string AnswerVersion = "1";

    public static TBuilder WithHistoryETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HistoryETagMetadata(), new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void))).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HistoryAnswer.Of(http) is not { } answer)
            {
                return await next(context);
            }
            var etag = Of(http, answer);
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                {
                    http.Response.Headers.ETag = etag;
                }
                return Task.CompletedTask;
            });
            if (!Representation.Matches(http.Request.Headers.IfNoneMatch, etag, weak: true))
            {
                return await next(context);
            }
            // A tagged read takes its query parameters as typed arguments, bound and checked (QueryErrors answers their 400)
            // before this filter runs: nothing is left to check, and nothing is read.
            return Results.StatusCode(StatusCodes.Status304NotModified);
        });

    /// <summary>Whether the endpoint tags its answers and <c>If-None-Match</c> already holds the tag of <paramref name="answer"/>.</summary>
    public static bool WillNotModify(HttpContext http, HistoryAnswer answer) =>
        http.GetEndpoint()?.Metadata.GetMetadata<HistoryETagMetadata>() is not null
        && Representation.Matches(http.Request.Headers.IfNoneMatch, Of(http, answer), weak: true);

    /// <summary>Whether the endpoint chooses its format by <c>Accept</c> (and so answers <c>Vary: Accept</c>).</summary>
    public static bool NegotiatesFormat(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ExportMediaTypesMetadata>() is not null;

    /// <summary>The seq of W a tag of ours names ("n" tags, answers "now"), so a replica behind it does not answer; 0 when none.</summary>
    public static long SeqNamedBy(HttpRequest request)
    {
        long seq = 0;
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var parts = tag.Split('.');
                if (parts.Length == 3 && parts[0] == $"W/\"{AnswerVersion}" && parts[1].StartsWith('n')
                    && long.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var named))
                {
                    seq = Math.Max(seq, named);
                }
            }
        }
        return seq;
    }

    private static string Of(HttpContext http, HistoryAnswer answer)
    {
        var pinned = answer.IsSnapshot ? $"s{answer.Asked!.Value.UtcTicks}" : $"n{answer.Newest?.Seq ?? 0}";
        var accept = NegotiatesFormat(http) ? http.Request.Headers.Accept.ToString() : "";
        var shaped = $"{http.Request.Path}{http.Request.QueryString}\n{accept}";
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(shaped)), 0, 12).Replace('+', '-').Replace('/', '_');
        return $"W/\"{AnswerVersion}.{pinned}.{hash}\"";
    }
}
