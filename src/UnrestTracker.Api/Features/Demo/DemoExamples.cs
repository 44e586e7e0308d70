using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>Request bodies in Swagger UI start from the Kazakhstan demo, so "Try it out" sends something real.</summary>
internal sealed class DemoExamples : ISchemaFilter
{
    private static readonly JsonSerializerOptions Wire = new(JsonSetup.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(IncidentRequest)] = DemoIncident.Request with { Slug = null },
        [typeof(SourceRequest)] = new SourceRequest { Name = "Ministry of Health of Kazakhstan", Kind = SourceKind.Government, Country = "KZ" },
        // Ids are placeholders: Swagger UI users replace them with the demo incident's and sources' ids.
        [typeof(EventRequest)] = DemoEvents.Requests(Guid.Parse("0194a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b"), DemoSources.Placeholders(Guid.Parse("0194a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5c"))).ElementAt(1),
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Example = JsonSerializer.SerializeToNode(example, context.Type, Wire);
        }
    }
}

public static class DemoSwagger
{
    public static IServiceCollection AddDemoExamples(this IServiceCollection services)
    {
        services.ConfigureSwaggerGen(o => o.SchemaFilter<DemoExamples>());
        return services;
    }
}
