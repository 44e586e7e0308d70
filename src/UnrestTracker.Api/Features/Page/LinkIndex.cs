using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Page;

/// <summary>A link of an index: where to go, what it is.</summary>
public sealed record IndexLink(string Rel, string Href, string Title);

/// <summary>The JSON answered at <c>/</c> and <c>/api/v1</c>: what this service offers, one link each.</summary>
public sealed record LinkIndex(string Name, string Version, IReadOnlyList<IndexLink> Links)
{
    private static readonly (string Rel, string Path, string Title)[] Resources =
    [
        ("incidents", "/incidents", "Incidents; filters country, from, to, q"),
        ("sources", "/sources", "Sources; filters kind, country, q"),
        ("events", "/events", "Events; filters incident, country, type, from, to, actor, q, externalRef, bbox, near"),
        ("statements", "/statements", "Statements with their figures"),
        ("figures", "/figures", "Figures; filters incident, event, level, metric, subject, status, source, sourceKind"),
        ("retractions", "/retractions", "Retractions with the figures they withdrew"),
        ("changes", "/changes", "Every write in commit order, who made it; filters after, incident"),
        ("imports", "/imports", "Import reports (ACLED, UCDP)"),
    ];

    public static LinkIndex Root(PathString pathBase) => new("UnrestTracker", "v1",
    [
        new("page", $"{pathBase}/", "The read-only page (ask for text/html); ?incident=slug&asOf=…&recordedAsOf=… pick the view"),
        new("api", $"{pathBase}{ApiPath.V1}", "The JSON API, v1"),
        new("swagger-ui", $"{pathBase}/swagger", "Swagger UI"),
        new("openapi", $"{pathBase}/swagger/v1/swagger.json", "The OpenAPI document"),
        new("health", $"{pathBase}/health/ready", "Readiness, the database included"),
        .. ResourceLinks(pathBase),
    ]);

    public static LinkIndex Api(PathString pathBase) => new("UnrestTracker API", "v1",
    [
        .. ResourceLinks(pathBase),
        new("swagger-ui", $"{pathBase}/swagger", "Swagger UI"),
        new("openapi", $"{pathBase}/swagger/v1/swagger.json", "The OpenAPI document"),
        new("page", $"{pathBase}/", "The read-only page"),
    ]);

    private static IEnumerable<IndexLink> ResourceLinks(PathString pathBase) =>
        Resources.Select(r => new IndexLink(r.Rel, $"{pathBase}{ApiPath.V1}{r.Path}", r.Title));
}
