using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>Documents the problem+json answers each kind of operation can give, a single resource's 304, and the headers that matter (ETag, Location, Retry-After).</summary>
internal sealed class ProblemResponsesFilter : IOperationFilter
{
    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "The request is invalid (errors keyed by JSON path).",
        [401] = "No API key on a write, or an unknown or revoked key on any request.",
        [403] = "The key's scope is too small for this operation.",
        [404] = "No such resource (at the moment asked about).",
        [409] = "The request conflicts with the current state (a taken slug, a concurrent retry).",
        [412] = "If-Match names an outdated representation.",
        [413] = "The body is larger than this server takes.",
        [415] = "The body is not in the media type the operation takes (Content-Type).",
        [422] = "The Idempotency-Key was already used with another body.",
        [428] = "If-Match is required, naming the ETag you edited (* is not enough).",
        [429] = "Over the rate limit; see Retry-After.",
        [503] = "The database is unavailable; see Retry-After.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var isWrite = description.ActionDescriptor.EndpointMetadata.OfType<RequiresWriteMetadata>().Any();
        var hasId = description.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        // A list filtered by a resource that does not exist (at the moment asked about) is a 404 naming it, not an empty page.
        var namesResource = description.ActionDescriptor.EndpointMetadata.OfType<QueryParametersMetadata>()
            .Any(m => m.Parameters.Any(p => p.Name is "incident" or "event" or "source"));
        var statuses = new List<int> { 400, 401, 429, 503 };
        if (isWrite)
        {
            statuses.Add(403);
        }
        if (hasId || namesResource)
        {
            statuses.Add(404);
        }
        switch (description.HttpMethod?.ToUpperInvariant())
        {
            case "POST": statuses.AddRange([409, 413, 415, 422]); break;
            case "PUT": statuses.AddRange([409, 412, 413, 415, 428]); break;
        }
        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        if (context.SchemaRepository.Schemas.GetValueOrDefault(nameof(ProblemDetails)) is OpenApiSchema problem)
        {
            problem.Description ??= "An RFC 9457 problem: title and status always, detail where there is more to say, and for a 400 "
                + "errors: an object keyed by the JSON path or parameter name of each invalid value, each with its messages.";
        }
        operation.Responses ??= [];
        var method = description.HttpMethod?.ToUpperInvariant();
        // The ETags an operation answers with come from its result type (Resource, CreatedResource) or its history tag.
        var metadata = description.ActionDescriptor.EndpointMetadata;
        switch (metadata.OfType<ResourceMetadata>().FirstOrDefault()?.StatusCode)
        {
            case StatusCodes.Status201Created:
                AddHeader(operation, "201", "ETag", "The created representation's ETag.");
                break;
            case StatusCodes.Status200OK when method == "PUT":
                AddHeader(operation, "200", "ETag", "The new version's ETag.");
                break;
            case StatusCodes.Status200OK:
                operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: If-None-Match already names this representation's ETag." });
                AddHeader(operation, "200", "ETag", "The representation's strong ETag: send it as If-Match to PUT an edit, or as If-None-Match for a 304.");
                break;
            default:
                if (metadata.OfType<HistoryETagMetadata>().Any())
                {
                    AddHeader(operation, "200", "ETag", "A weak ETag of the answer at the newest write it reads (or the snapshot's recordedAsOf): send it as If-None-Match for a 304.");
                }
                break;
        }
        if (method == "POST")
        {
            AddHeader(operation, "201", "Location", "Where the created resource is read.");
        }
        foreach (var status in statuses.Order())
        {
            operation.Responses.TryAdd($"{status}", new OpenApiResponse
            {
                Description = Reasons[status],
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            });
        }
        AddHeader(operation, "429", "Retry-After", "Seconds to wait before trying again.");
        AddHeader(operation, "503", "Retry-After", "Seconds to wait before trying again.");
    }

    private static void AddHeader(OpenApiOperation operation, string status, string name, string description)
    {
        if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }
}
