using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// A query parameter that a handler reads through QueryReader, described for the OpenAPI document: its values are text
/// (<see cref="Values"/> lists an enum's), unless <see cref="Schema"/> gives their real type (an integer, a time).
/// </summary>
public sealed record QueryParameter(string Name, string Description, IReadOnlyList<string>? Values = null, int MaxLength = TextLimits.Query,
    bool Required = false, Func<OpenApiSchema>? Schema = null);

public sealed record QueryParametersMetadata(IReadOnlyList<QueryParameter> Parameters)
{
    /// <summary>Every parameter an endpoint declares: the handler's parameter records' and its <c>WithQuery</c> lists', once each.</summary>
    public static IReadOnlyList<QueryParameter> Of(IEnumerable<object> metadata) =>
        [.. metadata.OfType<QueryParametersMetadata>().SelectMany(m => m.Parameters).DistinctBy(p => p.Name)];
}

public static class QueryDocs
{
    public static readonly QueryParameter[] Paging =
    [
        new("limit", "Items per page, 1 to 1000 (default 50).", Schema: () => QuerySchemas.Integer(1, 1000, 50)),
        new("cursor", "The nextCursor of the previous page.", MaxLength: TextLimits.Url),
    ];

    public static readonly QueryParameter[] TimeTravel =
    [
        new("asOf", "Knowledge time: what the sources had said by then (ISO 8601 UTC; a bare date means its last microsecond, 23:59:59.999999Z).",
            Schema: QuerySchemas.Time),
        new("recordedAsOf", "Transaction time: this database as it stood then (ISO 8601 UTC; a bare date means its last microsecond, 23:59:59.999999Z).",
            Schema: QuerySchemas.Time),
    ];

    public static readonly QueryParameter[] Period =
    [
        new("from", "Inclusive start (ISO 8601 UTC, or a bare date meaning its start, 00:00Z).", Schema: QuerySchemas.Time),
        new("to", "Inclusive end (ISO 8601 UTC, or a bare date meaning its end, 23:59:59.999999Z).", Schema: QuerySchemas.Time),
    ];

    /// <summary>The series-level filters of statements and figures (the values are those of the statements' SeriesLevel).</summary>
    public static readonly QueryParameter[] SeriesLevel =
    [
        new("event", "Event id: only claims whose statement names this event (404 if the event was not recorded by recordedAsOf)."),
        new("level", "incident: incident-wide claims only (the statement names no event); event: event-level ones only.", ["incident", "event"]),
    ];

    /// <summary><c>format</c>: json (the page, the default) or one of the exports a list offers, which stream the whole filtered set.</summary>
    public static QueryParameter[] Format(params string[] exports) =>
    [
        new("format", $"json (default: a page) or {string.Join(", ", exports)}: the whole filtered set as a file, limit and cursor ignored. "
            + "Without it the Accept header decides (text/csv" + (exports.Contains("geojson") ? ", application/geo+json" : "") + ").",
            ["json", .. exports]),
        .. exports.Contains("csv") ? CsvFormulas : [],
    ];

    /// <summary><c>csvFormulas</c>, taken by every list that writes CSV.</summary>
    public static readonly QueryParameter[] CsvFormulas =
    [
        new("csvFormulas", "CSV only. By default a text cell starting with =, +, -, @, a tab or a carriage return is written with a "
            + "leading ' so that a spreadsheet shows it instead of running it (numbers, dates and ids never change); raw writes text verbatim.",
            ["raw"]),
    ];

    /// <summary><c>q</c>: full-text search over the fields named.</summary>
    public static QueryParameter Search(string over) =>
        new("q", $"Full-text search over {over}, blind to case in every script, to accents, Arabic diacritics and invisible marks "
            + "(bidi, zero-width); websearch syntax: \"a phrase\", OR, -word.");

    /// <summary><c>reason</c>, which a DELETE requires (400 without it).</summary>
    public static QueryParameter Enum<T>(string name, string description) where T : struct, System.Enum =>
        new(name, description, [.. EnumText.Names<T>()]);

    /// <summary>Documents the query parameters an endpoint reads by hand, so Swagger UI offers them.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params IEnumerable<QueryParameter>[] groups) =>
        builder.WithMetadata(new QueryParametersMetadata([.. groups.SelectMany(g => g)]));
}

/// <summary>Schemas of query values that are not free text.</summary>
public static class QuerySchemas
{
    public static OpenApiSchema Integer(long minimum, long? maximum = null, long? byDefault = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int64",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        Default = byDefault is { } value ? JsonValue.Create(value) : null,
    };

    /// <summary>A moment: an ISO 8601 timestamp, or a bare date whose meaning (its start or its end) the parameter states.</summary>
    public static OpenApiSchema Time() => new()
    {
        OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Description = "A bare date (YYYY-MM-DD)." },
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "An ISO 8601 timestamp with Z or an offset, e.g. 2022-01-09T12:00:00Z." },
        ],
    };

    public static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date" };

    public static OpenApiSchema Number(string exclusiveMinimum, string maximum) => new()
    {
        Type = JsonSchemaType.Number,
        Format = "double",
        ExclusiveMinimum = exclusiveMinimum,
        Maximum = maximum,
    };
}

internal sealed class QueryParameterOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var declared = QueryParametersMetadata.Of(context.ApiDescription.ActionDescriptor.EndpointMetadata);
        if (declared.Count == 0)
        {
            return;
        }
        // Arguments read through IQueryParameters are the API explorer's too, as one opaque parameter each: the declared ones replace them.
        operation.Parameters = operation.Parameters?.Where(p => p.In != ParameterLocation.Query).ToList() ?? [];
        foreach (var parameter in declared)
        {
            var schema = parameter.Schema?.Invoke() ?? new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = parameter.MaxLength };
            if (parameter.Values is not null)
            {
                schema.Enum = [.. parameter.Values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Required = parameter.Required,
                Schema = schema,
                Example = parameter.Name == "incident" ? JsonValue.Create(PathParameterFilter.DemoIncident) : null,
            });
        }
    }
}
