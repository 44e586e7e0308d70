using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Idempotency;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>Writes show the padlock (either key header will do); POSTs document Idempotency-Key and PUTs If-Match.</summary>
internal sealed class WriteOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiresWriteMetadata>().Any())
        {
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.ApiKeyScheme, context.Document)] = [] },
        ];
        operation.Parameters ??= [];
        switch (context.ApiDescription.HttpMethod?.ToUpperInvariant())
        {
            case "POST" when !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ExcludedFromIdempotencyMetadata>().Any():
                // Optional and without an example value: a fixed key would make every second POST from Swagger UI a replay or a 422.
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header,
                    In = ParameterLocation.Header,
                    Description = "Optional; leave empty for a one-off request. To make a retry safe, send a fresh unique value (a UUID) and "
                        + "repeat it only with the same body: the retry replays the first response and creates nothing new; the same key "
                        + "with another body is a 422, and a retry while the first is still running waits or gets a 409.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                });
                break;
            case "PUT":
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The ETag of the representation you edited: GET the resource, copy its ETag response header "
                        + "(with the quotes, e.g. \"q3hJ…\"), edit the body, PUT. Without it, or with *: 428; if the resource changed since: 412, GET it again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                });
                break;
        }
    }
}
