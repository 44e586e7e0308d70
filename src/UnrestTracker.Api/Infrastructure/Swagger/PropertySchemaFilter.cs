using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// Says what every property of a wire type can hold, and whether it must be there.
/// <list type="bullet">
/// <item>A nullable property whose schema is a reference (an object such as <c>scope</c> or <c>deleted</c>, or an enum)
/// becomes <c>oneOf [the reference, null]</c>: Swashbuckle marks only inline schemas nullable.</item>
/// <item>A response type writes every property, null ones included (the JSON options never omit nulls), unless it says
/// <c>JsonIgnore(WhenWritingNull)</c>; all the others are <c>required</c>.</item>
/// <item>A request type (named <c>…Request</c>) requires what carries <see cref="RequiredAttribute"/> (its Validate
/// refuses the same with a 400; a test compares the two), and marks what carries <c>[ReadOnly(true)]</c>: fields a
/// client may echo back from a GET, which the server sets and ignores.</item>
/// </list>
/// </summary>
internal sealed class PropertySchemaFilter : ISchemaFilter
{
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
            if (!properties.TryGetValue(name, out var found))
            {
                continue;
            }
            if (property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull)
            {
                // Left out when null, so never null when present: optional, not nullable.
                omitted.Add(name);
                if (found is OpenApiSchema { Type: { } type } inline)
                {
                    inline.Type = type & ~JsonSchemaType.Null;
                }
            }
            else if (found is OpenApiSchemaReference reference && IsNullable(property) && property.GetCustomAttribute<RequiredAttribute>() is null)
            {
                properties[name] = found = new OpenApiSchema
                {
                    OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }],
                    Description = reference.Description,
                };
            }
            if (property.GetCustomAttribute<ReadOnlyAttribute>()?.IsReadOnly == true)
            {
                properties[name] = found = found as OpenApiSchema ?? new OpenApiSchema { AllOf = [found] };
                ((OpenApiSchema)found).ReadOnly = true;
                ((OpenApiSchema)found).Description ??= "Set by the server: a value echoed back from a GET is ignored.";
            }
        }
        // Only our own wire types: ProblemDetails leaves out what it does not know.
        if (context.Type.Assembly == typeof(PropertySchemaFilter).Assembly && !IsRequest(context.Type))
        {
            target.Required = new HashSet<string>(properties.Keys.Except(omitted));
        }
    }

    // A context per call: NullabilityInfoContext caches in a plain Dictionary, and documents for concurrent
    // first requests are generated in parallel (a shared one threw "same key has already been added": a 500).
    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;

    /// <summary>Request bodies are the types named <c>…Request</c> (by our naming, wire types end in Request or Response).</summary>
    public static bool IsRequest(Type type) => type.Name.EndsWith("Request", StringComparison.Ordinal);
}
