using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// A query parameter that the endpoint does not take is a 400 naming it (API.md, conventions): a misspelt filter
/// (<c>metrc=killed</c>) must not silently return unfiltered data. What an endpoint takes is what it documents
/// (<see cref="QueryParametersMetadata"/>), so the OpenAPI document and this check cannot drift apart; every GET
/// also takes <c>recordedAsOf</c>, but for live answers (<see cref="LiveAnswerMetadata"/>). Endpoints that document no query parameters are not checked.
/// </summary>
public static class UnknownQueryParameters
{
    public static IApplicationBuilder UseUnknownQueryParameterCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<QueryParametersMetadata>() is { } documented && http.Request.Query.Count > 0)
        {
            var taken = documented.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var reads = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && !http.IsLive();
            var unknown = http.Request.Query.Keys.Where(k => !taken.Contains(k) && !(reads && k == "recordedAsOf")).ToList();
            if (unknown.Count > 0)
            {
                var errors = new Validation();
                foreach (var name in unknown)
                {
                    errors.Add(name, $"This endpoint takes no parameter '{name}'; it takes {string.Join(", ", taken.Order(StringComparer.Ordinal))}.");
                }
                await errors.Problem().ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });
}
