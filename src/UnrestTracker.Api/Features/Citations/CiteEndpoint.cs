using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Citations;

/// <summary>A ready citation: the snapshot that reproduces the answer, the moment it is pinned to, when it was asked, and text and BibTeX naming it.</summary>
public sealed record CitationResponse(string Snapshot, DateTimeOffset RecordedAt, DateTimeOffset RetrievedAt, string Title, string Text, string Bibtex);

/// <summary>
/// <c>GET /cite?url=</c>: runs the URL's path and query in process as an anonymous GET (never a network request) and cites
/// what it answers now, or, pinned by <c>recordedAsOf</c>, what it answered then.
/// </summary>
public static class CiteEndpoint
{
    private const string Field = "url";

    /// <summary>Paths that are not reads of history anyone may cite (itself, the stream, operations that need a key).</summary>
    private static readonly string[] Refused = [ApiPath.V1 + "/cite", ApiPath.V1 + "/changes/stream", ApiPath.V1 + "/webhooks", ApiPath.V1 + "/imports"];

    public static async Task<Results<Ok<CitationResponse>, ProblemResult>> Handle(CitedUrl cited, HttpContext http, InProcessRequests requests, PublicBaseUrl publicBase)
    {
        if (Target(http, publicBase, cited.Url) is not var (path, target))
        {
            return Problems.Invalid(Field, publicBase.AbsoluteOf(http) is { } address
                ? $"Must be a path of this API (/api/v1/…) or a URL that starts with its public address, {address}; another host is not cited."
                : "Must be a path of this API (/api/v1/…): this server has no public address to recognise its own absolute URLs by (its operator sets Http:PublicBaseUrl or AllowedHosts).");
        }
        if (!path.StartsWithSegments(ApiPath.V1) || Refused.Any(r => path.StartsWithSegments(r)) || HasExportFormat(target))
        {
            return Problems.Invalid(Field, "Only reads of history under /api/v1 are cited: not /cite itself, the change stream, exports, webhooks or imports.");
        }
        var retrievedAt = DateTimeOffset.UtcNow;
        var (answer, body) = await requests.GetAsync(http, path, target);
        var status = answer.Response.StatusCode;
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = answer.Response.Headers.RetryAfter;
            return Problems.Of(status, status == 429 ? "Too many requests." : "The database is unavailable.",
                $"Reading {path} answered {status}; ask again later.");
        }
        if (status != StatusCodes.Status200OK || HistoryAnswer.Of(answer) is not { } pinned || answer.IsLive())
        {
            return Problems.Invalid(Field, status == StatusCodes.Status200OK
                ? "It is not a read of history (it has no snapshot), so there is nothing to cite."
                : $"It answers {status}, not 200: only an answer can be cited.");
        }
        var recordedAt = pinned.IsSnapshot ? pinned.Asked!.Value : RequestClock.Of(answer);
        var snapshot = SnapshotLink.Of(answer, publicBase, http);
        var title = await CitationTitles.TitleAsync(new CitationSource(http, requests, path, answer.Request.Query, body, recordedAt));
        return TypedResults.Ok(CitationFormats.Of(snapshot, recordedAt, retrievedAt, title));
    }

    /// <summary>The path and query of a URL of this API: a path, or an absolute URL under the vouched-for base.</summary>
    private static (PathString, QueryString)? Target(HttpContext http, PublicBaseUrl publicBase, string url)
    {
        var pathBase = http.Request.PathBase.Value ?? "";
        string rest;
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            rest = pathBase.Length > 0 && url.StartsWith(pathBase + "/", StringComparison.Ordinal) ? url[pathBase.Length..] : url;
        }
        else if (publicBase.AbsoluteOf(http) is { } absolute && url.StartsWith(absolute + "/", StringComparison.OrdinalIgnoreCase))
        {
            rest = url[absolute.Length..];
        }
        else
        {
            return null;
        }
        if (!Uri.TryCreate("http://cited.invalid" + rest, UriKind.Absolute, out var uri) || uri.Host != "cited.invalid")
        {
            return null;
        }
        return (PathString.FromUriComponent(uri), QueryString.FromUriComponent(uri));
    }

    private static bool HasExportFormat(QueryString query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value).TryGetValue("format", out var format)
        && format.Any(f => !string.Equals(f, "json", StringComparison.OrdinalIgnoreCase));

    public static RouteGroupBuilder MapCiteEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cite", Handle).WithTags("Citations").WithName("Cite").IsLive()
            .WithSummary("A citation of what a URL of this API answers: its snapshot link, the moment it is pinned to, plain text and BibTeX");
        return api;
    }
}

/// <summary>The URL to cite (<c>?url=</c>, required): a path of this API or an absolute URL that starts with its public address.</summary>
public sealed record CitedUrl(string Url) : IQueryParameters<CitedUrl>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("url", "A path of this API (/api/v1/…) or an absolute URL that starts with its public address.", MaxLength: TextLimits.Url, Required: true)];

    public static CitedUrl Read(QueryReader query, ParameterInfo parameter)
    {
        var url = query.Text("url", TextLimits.Url);
        query.Require("url", "Required: the URL (or path) of this API's answer to cite.");
        return new(url ?? "");
    }
}
