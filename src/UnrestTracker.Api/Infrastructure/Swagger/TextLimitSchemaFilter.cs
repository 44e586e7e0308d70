using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// Documents each <see cref="TextLimitAttribute"/> as the property's maxLength (of each item, for arrays), and the arrays of
/// request bodies as holding at most <see cref="BodyLimits.MaxItems"/> items.
/// </summary>
internal sealed class TextLimitSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null)
        {
            return;
        }
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType.IsArray && context.Type.Name.EndsWith("Request", StringComparison.Ordinal)
                && target.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var array) && array is OpenApiSchema list)
            {
                list.MaxItems = BodyLimits.MaxItems;
            }
            var limit = property.GetCustomAttribute<TextLimitAttribute>()?.Length;
            if (limit is null || !target.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var found))
            {
                continue;
            }
            var text = found is OpenApiSchema { Items: OpenApiSchema items } ? items : found as OpenApiSchema;
            text?.MaxLength = limit;
        }
    }
}
