using System.Globalization;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Features.Citations;

/// <summary>What is cited: the path, its query, the answer's body and the moment it is pinned to.</summary>
public sealed record CitationSource(HttpContext Caller, InProcessRequests Requests, PathString Path, IQueryCollection Query, byte[] Body, DateTimeOffset RecordedAt)
{
    /// <summary>Another resource as it stood at the same moment (the incident a series belongs to), read in process too.</summary>
    public async Task<JsonElement?> ReadAsync(string path)
    {
        var at = new QueryBuilderText("recordedAsOf", UtcDateTimeOffsetConverter.Format(RecordedAt));
        var (answer, body) = await Requests.GetAsync(Caller, path, at.Query);
        return answer.Response.StatusCode == StatusCodes.Status200OK ? JsonDocument.Parse(body).RootElement.Clone() : null;
    }

    private sealed record QueryBuilderText(string Name, string Value)
    {
        public QueryString Query => QueryString.Create(Name, Value);
    }
}

/// <summary>
/// Names what an answer is: a series by its metric, incident, headline value and source ("Killed, January 2022 unrest
/// in Kazakhstan: 225 (…)"); a statement by its source, day and summary; a list by its filters and item count.
/// </summary>
public static class CitationTitles
{
    public static async Task<string> TitleAsync(CitationSource cited)
    {
        var body = JsonDocument.Parse(cited.Body).RootElement;
        var segments = cited.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[2..]; // after api/v1
        switch (segments)
        {
            case ["incidents", var incident, "figures"] when SeriesRow(body, cited.Query) is { } row:
                return Series(row.GetProperty("metric"), row.GetProperty("subject"), await IncidentTitleAsync(cited, incident), row.GetProperty("headline"));
            case ["figures", _, "revisions"] when Standing(body) is { } figure:
                return await FigureAsync(cited, figure);
            case ["figures", _]:
                return await FigureAsync(cited, body);
            case ["statements", _]:
                return $"{SourceName(body)}, {Day(body.GetProperty("statedAt"))}: {body.GetProperty("summary").GetString()}";
            case ["incidents", _]:
            case ["events", _]:
                return body.GetProperty("title").GetString()!;
            case ["sources", _]:
                return body.GetProperty("name").GetString()!;
        }
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("items", out var items))
        {
            var what = segments is ["incidents", var incident, var part] ? $"{Label(part)} of {await IncidentTitleAsync(cited, incident)}" : Label(string.Join(' ', segments));
            var count = items.GetArrayLength();
            var more = body.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? ", first page" : "";
            return $"{what}{Filters(cited.Query)}: {count} {(count == 1 ? "item" : "items")}{more}";
        }
        return cited.Path.Value!;
    }

    /// <summary>The row a series list names: its only row, or, filtered by metric, the row counting everyone everywhere.</summary>
    private static JsonElement? SeriesRow(JsonElement body, IQueryCollection query)
    {
        var rows = body.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("headline").ValueKind == JsonValueKind.Object).ToList();
        if (rows.Count == 1)
        {
            return rows[0];
        }
        return query.ContainsKey("metric")
            ? rows.Where(r => r.GetProperty("subject").ValueKind == JsonValueKind.Null && r.GetProperty("scope").ValueKind == JsonValueKind.Null)
                .Select(r => (JsonElement?)r).FirstOrDefault()
            : null;
    }

    /// <summary>The series' figure that stands (the last current one on the page), else its last.</summary>
    private static JsonElement? Standing(JsonElement body)
    {
        var items = body.GetProperty("items").EnumerateArray().ToList();
        return items.LastOrDefault(f => f.GetProperty("status").GetString() == "current") is { ValueKind: JsonValueKind.Object } current ? current
            : items.Count > 0 ? items[^1] : null;
    }

    private static async Task<string> FigureAsync(CitationSource cited, JsonElement figure)
    {
        var statement = await cited.ReadAsync($"{ApiPath.V1}/statements/{figure.GetProperty("statementId").GetString()}");
        var incident = statement?.GetProperty("incidentId").GetString() is { } id ? await IncidentTitleAsync(cited, id) : "an incident";
        return Series(figure.GetProperty("metric"), figure.GetProperty("subject"), incident, figure);
    }

    private static string Series(JsonElement metric, JsonElement subject, string incident, JsonElement figure)
    {
        var what = Label(metric.GetString()!) + (subject.ValueKind == JsonValueKind.String ? $" ({subject.GetString()!.Replace('_', ' ')})" : "");
        return $"{what}, {incident}: {Value(figure)} ({SourceName(figure)})";
    }

    private static async Task<string> IncidentTitleAsync(CitationSource cited, string incident) =>
        (await cited.ReadAsync($"{ApiPath.V1}/incidents/{Uri.EscapeDataString(incident)}"))?.GetProperty("title").GetString() ?? incident;

    private static string Value(JsonElement figure)
    {
        static string? Number(JsonElement figure, string name) =>
            figure.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDecimal().ToString(CultureInfo.InvariantCulture) : null;
        return Number(figure, "value") ?? $"{Number(figure, "low")}–{Number(figure, "high")}";
    }

    private static string SourceName(JsonElement item) =>
        item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object ? source.GetProperty("name").GetString()! : "unknown source";

    private static string Day(JsonElement at) => at.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Label(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' ');

    private static string Filters(IQueryCollection query)
    {
        var filters = query.Where(q => q.Key is not ("recordedAsOf" or "cursor" or "limit")).Select(q => $"{q.Key}={q.Value}").ToList();
        return filters.Count == 0 ? "" : $" ({string.Join(", ", filters)})";
    }
}
