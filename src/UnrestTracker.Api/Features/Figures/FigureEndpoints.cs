using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Figures;

public static class FigureEndpoints
{
    public static RouteGroupBuilder MapFigureEndpoints(this RouteGroupBuilder api, RouteGroupBuilder incidents)
    {
        var group = api.MapGroup("/figures").WithTags("Figures").WithReadAdmission(ReadCost.ExportsGatedElsewhere);
        group.MapGet("/", ListFigures.Handle).WithHistoryETag().WithName("ListFigures")
            .WithSummary("List figures by (statedAt, id); filters incident, event, level, metric, subject, status, source, sourceKind; asOf, recordedAsOf")
            .WithDescription("Accept: text/csv (or format=csv) streams the whole filtered set as a CSV file instead of a page, one row per "
                + "figure with its source and status; limit and cursor are then ignored.").ProducesExports("text/csv");
        group.MapGet("/{id}", GetFigure.Handle).WithName("GetFigure").WithSummary("A figure with its status at the moment asked");
        group.MapGet("/{id}/revisions", ListFigureRevisions.Handle).WithHistoryETag().WithName("ListFigureRevisions")
            .WithSummary("The figure's whole series by (statedAt, asOf, id), with the change from the previous standing value");
        incidents.MapGet("/{incident}/figures", IncidentFigures.Handle).WithHistoryETag().WithTags("Figures").WithName("ListIncidentSeries").WithReadAdmission()
            .WithSummary("One row per series: headline, each source's latest, range and revision count; filters metric, subject, sourceKind")
            .WithDescription("Rows are incident-wide series: headline, perSource, range and revisionCount use only figures of statements that "
                + "name no event. Event-level figures are summed per source in eventSums on the row without scope (side_a and side_b "
                + "never); a (metric, subject, unit) that only events count gets a row with no headline.");
        return api;
    }
}
