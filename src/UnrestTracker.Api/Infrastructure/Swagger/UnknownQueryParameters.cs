using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// A query parameter that the endpoint does not take is a 400 naming it (docs/api.md, "Conventions"): a misspelt filter
/// (<c>metrc=killed</c>) must not silently return unfiltered data. What an endpoint takes is what it documents
/// (<see cref="QueryParametersMetadata"/>), so the OpenAPI document and this check cannot drift apart; an endpoint that
/// documents none takes none. Every read that carries a snapshot link also takes <c>recordedAsOf</c>, which the link adds; live answers
/// (<see cref="LiveAnswerMetadata"/>) take none.
/// </summary>
public static class UnknownQueryParameters
{
    public static IApplicationBuilder UseUnknownQueryParameterCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is { } endpoint && http.Request.Query.Count > 0)
        {
            var taken = QueryParametersMetadata.Of(endpoint.Metadata).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (SnapshotLink.Applies(http.Request) && !http.IsLive())
            {
                taken.Add("recordedAsOf");
            }
            var unknown = http.Request.Query.Keys.Where(k => !taken.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                var errors = new Validation();
                var takes = taken.Count == 0 ? "it takes no query parameter" : $"it takes {string.Join(", ", taken.Order(StringComparer.Ordinal))}";
                foreach (var name in unknown)
                {
                    errors.Add(name, $"This endpoint takes no parameter '{name}'; {takes}.");
                }
                await errors.Problem().ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });
}
