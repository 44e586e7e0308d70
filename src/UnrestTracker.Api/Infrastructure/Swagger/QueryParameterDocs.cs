using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>A query parameter that a handler reads through QueryReader, described for the OpenAPI document.</summary>
public sealed record QueryParameter(string Name, string Description, IReadOnlyList<string>? Values = null, int MaxLength = TextLimits.Query);

public sealed record QueryParametersMetadata(IReadOnlyList<QueryParameter> Parameters);

public static class QueryDocs
{
    public static readonly QueryParameter[] Paging =
    [
        new("limit", "Items per page, 1 to 1000 (default 50)."),
        new("cursor", "The nextCursor of the previous page.", MaxLength: TextLimits.Url),
    ];

    public static readonly QueryParameter[] TimeTravel =
    [
        new("asOf", "Knowledge time: what the sources had said by then (ISO 8601 UTC; a bare date means its end)."),
        new("recordedAsOf", "Transaction time: this database as it stood then (ISO 8601 UTC; a bare date means its end)."),
    ];

    public static readonly QueryParameter[] Period =
    [
        new("from", "Inclusive start (ISO 8601 UTC, or a date meaning its start)."),
        new("to", "Inclusive end (ISO 8601 UTC, or a date meaning its end)."),
    ];

    /// <summary><c>format</c>: json (the page, the default) or one of the exports a list offers, which stream the whole filtered set.</summary>
    public static QueryParameter[] Format(params string[] exports) =>
    [
        new("format", $"json (default: a page) or {string.Join(", ", exports)}: the whole filtered set as a file, limit and cursor ignored. "
            + "Without it the Accept header decides (text/csv" + (exports.Contains("geojson") ? ", application/geo+json" : "") + ").",
            ["json", .. exports]),
    ];

    public static QueryParameter Enum<T>(string name, string description) where T : struct, System.Enum =>
        new(name, description, [.. EnumText.Names<T>()]);

    /// <summary>Documents the query parameters an endpoint reads by hand, so Swagger UI offers them.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params IEnumerable<QueryParameter>[] groups) =>
        builder.WithMetadata(new QueryParametersMetadata([.. groups.SelectMany(g => g)]));
}

internal sealed class QueryParameterOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<QueryParametersMetadata>().LastOrDefault();
        if (metadata is null)
        {
            return;
        }
        operation.Parameters ??= [];
        foreach (var parameter in metadata.Parameters)
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = parameter.MaxLength };
            if (parameter.Values is not null)
            {
                schema.Enum = [.. parameter.Values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = schema,
            });
        }
    }
}
