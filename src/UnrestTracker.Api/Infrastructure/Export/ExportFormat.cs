using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.Export;

public enum ExportFormat { Json, Csv, GeoJson }

/// <summary>
/// Which representation a list answers with: <c>format=json|csv|geojson</c> when given (an unknown or
/// unoffered one is a 400), otherwise the Accept header (<c>text/csv</c>, <c>application/geo+json</c>), otherwise JSON.
/// </summary>
public static class ExportNegotiation
{
    private static readonly (ExportFormat Format, string Name, string MediaType)[] Known =
    [
        (ExportFormat.Json, "json", "application/json"),
        (ExportFormat.Csv, "csv", "text/csv"),
        (ExportFormat.GeoJson, "geojson", "application/geo+json"),
    ];

    /// <summary>The format's name in <c>format=</c>.</summary>
    public static string NameOf(ExportFormat format) => Known.First(k => k.Format == format).Name;

    public static ExportFormat Format(this QueryReader query, HttpRequest request, params ExportFormat[] offered)
    {
        var names = Known.Where(k => k.Format == ExportFormat.Json || offered.Contains(k.Format)).ToList();
        if (offered.Contains(ExportFormat.Csv))
        {
            CsvFormulas.Read(query);
        }
        var asked = query.Text("format");
        if (asked is not null)
        {
            var match = names.FirstOrDefault(k => string.Equals(k.Name, asked, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                query.Errors.Add("format", $"Must be one of: {string.Join(", ", names.Select(k => k.Name))}.");
                return ExportFormat.Json;
            }
            return match.Format;
        }
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return ExportFormat.Json;
        }
        // The first media type the client lists (by quality) that this list offers wins.
        foreach (var media in accepted.OrderByDescending(a => a.Quality ?? 1.0))
        {
            var match = names.FirstOrDefault(k => media.MediaType.Equals(k.MediaType, StringComparison.OrdinalIgnoreCase));
            if (match.Name is not null)
            {
                return match.Format;
            }
        }
        return ExportFormat.Json;
    }
}

/// <summary>
/// How a list is asked for: a JSON page (limit and cursor), or an export of the whole filtered set in one of the formats
/// <see cref="PagedByAttribute"/> names.
/// </summary>
public sealed record ListRequest(ExportFormat Format, int Limit, System.Text.Json.JsonElement[]? After) : IQueryParameters<ListRequest>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [.. QueryDocs.Paging, .. QueryDocs.Format([.. PagedList.Of(parameter).Exports.Select(ExportNegotiation.NameOf)])];

    /// <summary>Reads format, limit and cursor; an export ignores limit and cursor altogether.</summary>
    public static ListRequest Read(QueryReader query, ParameterInfo parameter)
    {
        var (keyset, exports) = PagedList.Of(parameter);
        var format = query.Format(query.Request, exports);
        return format == ExportFormat.Json ? new(format, query.Limit(), query.Cursor(keyset.List, keyset.Types)) : new(format, 0, null);
    }
}

public static class ExportFile
{
    /// <summary><c>attachment; filename="events-20220110T120000Z.csv"</c>: the list's name and the moment answered.</summary>
    public static void Attach(HttpResponse response, string name, DateTimeOffset answeredAt, string extension)
    {
        var header = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{name}-{answeredAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.{extension}",
        };
        response.Headers.ContentDisposition = header.ToString();
    }
}
