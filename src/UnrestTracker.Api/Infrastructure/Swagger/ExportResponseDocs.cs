using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>The files a list also answers with (text/csv, application/geo+json), next to its JSON page.</summary>
public sealed record ExportMediaTypesMetadata(IReadOnlyList<string> MediaTypes);

public static class ExportResponseDocs
{
    /// <summary>
    /// Documents the 200 response's other media types. A second <c>Produces(200, …)</c> would replace the
    /// JSON page's schema, so these are added to the same response by <see cref="ExportResponseOperationFilter"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesExports(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.WithMetadata(new ExportMediaTypesMetadata(mediaTypes));
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
                ? new OpenApiSchema { Type = JsonSchemaType.String, Description = "A header row, then one row per item." }
                : new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An RFC 7946 FeatureCollection." };
            response.Content[mediaType] = new OpenApiMediaType { Schema = schema };
        }
    }
}
