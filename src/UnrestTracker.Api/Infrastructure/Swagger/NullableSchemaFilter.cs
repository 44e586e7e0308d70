using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// Says what every property of a wire type can hold. A nullable property whose schema is a reference (an object such
/// as <c>scope</c> or <c>deleted</c>, or an enum) becomes <c>oneOf [the reference, null]</c>: Swashbuckle marks only
/// inline schemas nullable. A response type writes every property, null ones included (the JSON options never omit
/// nulls) unless it says <c>JsonIgnore(WhenWritingNull)</c>, so all the others are <c>required</c>; a request type requires none (its rules are checked by hand and
/// answered with a 400 naming the field).
/// </summary>
internal sealed class NullableSchemaFilter : ISchemaFilter
{
    private readonly NullabilityInfoContext _nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is not { Count: > 0 } properties || context.Type.IsEnum)
        {
            return;
        }
        var omitted = new HashSet<string>();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull)
            {
                // Left out when null, so never null when present: optional, not nullable.
                omitted.Add(name);
                if (properties.TryGetValue(name, out var inline) && inline is OpenApiSchema { Type: { } type } concrete)
                {
                    concrete.Type = type & ~JsonSchemaType.Null;
                }
            }
            else if (properties.TryGetValue(name, out var found) && found is OpenApiSchemaReference reference && IsNullable(property))
            {
                properties[name] = new OpenApiSchema
                {
                    OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }],
                    Description = reference.Description,
                };
            }
        }
        // Only our own wire types: ProblemDetails leaves out what it does not know.
        if (context.Type.Assembly == typeof(NullableSchemaFilter).Assembly && !IsRequest(context.Type))
        {
            target.Required = new HashSet<string>(properties.Keys.Except(omitted));
        }
    }

    private bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || _nullability.Create(property).ReadState == NullabilityState.Nullable;

    /// <summary>Request bodies are the types named <c>…Request</c> (STYLE.md: wire types end in Request or Response).</summary>
    public static bool IsRequest(Type type) => type.Name.EndsWith("Request", StringComparison.Ordinal);
}
