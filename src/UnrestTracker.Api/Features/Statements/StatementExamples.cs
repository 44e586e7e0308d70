using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Example bodies in Swagger UI: a statement with figures, and a retraction.</summary>
public sealed class StatementExamples : ISchemaFilter
{
    private const string Statement = """
        {
          "incidentId": "0194a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b",
          "sourceId": "0194a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5c",
          "statedAt": "2022-01-10T09:00:00Z",
          "url": "https://example.org/briefing",
          "summary": "Health officials put the dead at 164, three of them children.",
          "language": "en",
          "figures": [
            { "metric": "killed", "qualifier": "exact", "value": 164, "unit": "people" },
            { "metric": "killed", "subject": "children", "qualifier": "exact", "value": 3, "unit": "people" },
            { "metric": "economic_loss", "qualifier": "range", "low": 2000000000, "high": 3000000000, "unit": "USD",
              "scope": { "country": "KZ" }, "asOf": "2022-01-10T00:00:00Z" }
          ],
          "externalRefs": [{ "system": "acled", "id": "KAZ2811" }]
        }
        """;

    private const string Retraction = """
        { "retractedAt": "2022-01-09T16:00:00Z", "reason": "technical mistake", "url": "https://example.org/correction" }
        """;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }
        if (context.Type == typeof(StatementRequest))
        {
            concrete.Example = JsonNode.Parse(Statement);
        }
        else if (context.Type == typeof(RetractionRequest))
        {
            concrete.Example = JsonNode.Parse(Retraction);
        }
    }
}

public static class StatementSwagger
{
    public static IServiceCollection AddStatementExamples(this IServiceCollection services)
    {
        services.ConfigureSwaggerGen(o => o.SchemaFilter<StatementExamples>());
        return services;
    }
}
