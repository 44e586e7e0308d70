using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// The files a list also answers with (text/csv, application/geo+json), next to its JSON page; <see cref="Row"/> is
/// the type of a GeoJSON feature's <c>properties</c> (the list's item).
/// </summary>
public sealed record ExportMediaTypesMetadata(IReadOnlyList<string> MediaTypes, Type? Row);

public static class ExportResponseDocs
{
    /// <summary>
    /// Documents the 200 response's other media types. A second <c>Produces(200, …)</c> would replace the
    /// JSON page's schema, so these are added to the same response by <see cref="ExportResponseOperationFilter"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesExports(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.WithMetadata(new ExportMediaTypesMetadata(mediaTypes, null));

    /// <summary>As <see cref="ProducesExports"/>, with an RFC 7946 FeatureCollection whose features carry <typeparamref name="TRow"/>.</summary>
    public static RouteHandlerBuilder ProducesExports<TRow>(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.WithMetadata(new ExportMediaTypesMetadata(mediaTypes, typeof(TRow)));
}

internal sealed class ExportResponseOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ExportMediaTypesMetadata>().LastOrDefault();
        if (metadata is null || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
        {
            return;
        }
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        foreach (var mediaType in metadata.MediaTypes)
        {
            var schema = mediaType == "text/csv"
                ? new OpenApiSchema { Type = JsonSchemaType.String, Description = "A header row, then one row per item (RFC 4180, UTF-8)." }
                : FeatureCollection(metadata.Row ?? throw new InvalidOperationException("A GeoJSON export names its row type."), context);
            response.Content[mediaType] = new OpenApiMediaType { Schema = schema };
        }
    }

    /// <summary>RFC 7946: a Point ([longitude, latitude]) per item that has coordinates, geometry null otherwise, the item as properties.</summary>
    private static IOpenApiSchema FeatureCollection(Type row, OperationFilterContext context)
    {
        var id = $"{row.Name.Replace("Response", "", StringComparison.Ordinal)}FeatureCollection";
        if (context.SchemaRepository.Schemas.ContainsKey(id))
        {
            return new OpenApiSchemaReference(id, context.Document);
        }
        var point = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A GeoJSON Point.",
            Required = new HashSet<string> { "type", "coordinates" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Constant("Point"),
                ["coordinates"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "[longitude, latitude] in degrees (WGS 84).",
                    MinItems = 2,
                    MaxItems = 2,
                    Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
                },
            },
        };
        var feature = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One item as a GeoJSON Feature.",
            Required = new HashSet<string> { "type", "geometry", "properties" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Constant("Feature"),
                ["geometry"] = new OpenApiSchema
                {
                    Description = "Where it happened; null when the item has no coordinates.",
                    OneOf = [point, new OpenApiSchema { Type = JsonSchemaType.Null }],
                },
                ["properties"] = context.SchemaGenerator.GenerateSchema(row, context.SchemaRepository),
            },
        };
        return context.SchemaRepository.AddDefinition(id, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7946 FeatureCollection of the whole filtered set, in the list's order.",
            Required = new HashSet<string> { "type", "features" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Constant("FeatureCollection"),
                ["features"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "One Feature per item.", Items = feature },
            },
        });
    }

    private static OpenApiSchema Constant(string value) =>
        new() { Type = JsonSchemaType.String, Description = $"Always {value}.", Enum = [JsonValue.Create(value)] };
}
