using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// An endpoint mapped for several methods (GET and HEAD) gives each method an operation under the endpoint's one
/// name; OpenAPI wants operationIds unique, so every operation after the first of a name gets its method appended
/// (ListEvents, ListEventsHead).
/// </summary>
internal sealed class UniqueOperationIds : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var operations = (document.Paths ?? []).Values
            .SelectMany(item => item.Operations ?? [])
            // GET first, so that it keeps the plain name.
            .OrderBy(o => o.Key == HttpMethod.Get ? 0 : 1);
        foreach (var (method, operation) in operations)
        {
            if (operation.OperationId is { } id && !seen.Add(id))
            {
                operation.OperationId = $"{id}{char.ToUpperInvariant(method.Method[0])}{method.Method[1..].ToLowerInvariant()}";
            }
        }
    }
}
