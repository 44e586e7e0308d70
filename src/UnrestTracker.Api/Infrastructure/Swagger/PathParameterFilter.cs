using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>Describes each path parameter by the resource its path names, with the demo's incident as the example.</summary>
internal sealed class PathParameterFilter : IOperationFilter
{
    /// <summary>The demo incident's slug (Features/Demo): Swagger UI's "Try it out" starts from it.</summary>
    public const string DemoIncident = "kazakhstan-2022-01";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var resource = context.ApiDescription.RelativePath?.Split('/') is [_, _, var first, ..] ? first.TrimEnd('s') : "resource";
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path) ?? [])
        {
            if (parameter.Name == "incident")
            {
                parameter.Description = "The incident's id (a UUID) or its slug.";
                parameter.Example = JsonValue.Create(DemoIncident);
            }
            else
            {
                parameter.Description ??= $"The {resource}'s id (a UUID); anything else is a 404.";
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.Format = "uuid";
                }
            }
        }
    }
}
