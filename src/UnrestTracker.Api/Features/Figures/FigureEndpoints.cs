using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Figures;

public static class FigureEndpoints
{
    public static IEndpointRouteBuilder MapFigureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/figures").WithTags("Figures");
        group.MapGet("/", ListFigures.Handle).WithName("ListFigures")
            .WithSummary("List figures by (statedAt, id); filters incident, metric, subject, status, source, sourceKind; asOf, recordedAsOf")
            .Produces<Page<SourcedFigure>>();
        group.MapGet("/{id}", GetFigure.Handle).WithName("GetFigure").WithSummary("A figure with its status at the moment asked")
            .Produces<SourcedFigure>();
        group.MapGet("/{id}/revisions", ListFigureRevisions.Handle).WithName("ListFigureRevisions")
            .WithSummary("The figure's whole series by (statedAt, asOf, id), with the change from the previous standing value")
            .Produces<Page<FigureRevision>>();
        app.MapGet("/api/v1/incidents/{incident}/figures", IncidentFigures.Handle).WithTags("Figures").WithName("ListIncidentSeries")
            .WithSummary("One row per series: headline, each source's latest, range and revision count; filters metric, subject, sourceKind")
            .Produces<Page<SeriesSummary>>();
        return app;
    }
}
