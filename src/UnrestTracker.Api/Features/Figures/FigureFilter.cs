using System.Reflection;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>The filters of the figure list and its CSV export; they compose with AND.</summary>
public sealed record FigureFilter(
    string? Incident, Guid? Event, SeriesLevel? Level, Metric? Metric, string? Subject, FigureStatus? Status, Guid? Source, SourceKind? SourceKind)
    : IQueryParameters<FigureFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        new("incident", "Incident id or slug."),
        .. QueryDocs.SeriesLevel,
        QueryDocs.Enum<Metric>("metric", "What is counted."),
        new("subject", "Who is counted within the metric, e.g. children."),
        QueryDocs.Enum<FigureStatus>("status", "Derived status at the moment asked."),
        new("source", "Source id."),
        QueryDocs.Enum<SourceKind>("sourceKind", "Kind of the source."),
    ];

    public static FigureFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var incident = query.Text("incident");
        var eventId = query.Id("event");
        var level = query.Enum<SeriesLevel>("level");
        var metric = query.Enum<Metric>("metric");
        var subject = query.Text("subject");
        var status = query.Enum<FigureStatus>("status");
        var source = query.Id("source");
        var sourceKind = query.Enum<SourceKind>("sourceKind");
        return new(incident, eventId, level, metric, subject, status, source, sourceKind);
    }

    /// <summary>
    /// The visible figures of the view's moment that pass every filter but status (see <see cref="Rate"/>), unordered;
    /// <paramref name="incidentId"/> is the incident filter as <see cref="ResolveAsync"/> found it.
    /// </summary>
    public IQueryable<FigureVersion> Apply(UnrestDb db, ClaimView view, Guid? incidentId)
    {
        var figures = view.Figures();
        if (incidentId is not null)
        {
            figures = figures.Where(f => f.IncidentId == incidentId);
        }
        if (Event is { } eventId)
        {
            figures = figures.Where(f => f.EventId == eventId);
        }
        figures = Level switch
        {
            SeriesLevel.Incident => figures.Where(f => f.EventId == null),
            SeriesLevel.Event => figures.Where(f => f.EventId != null),
            _ => figures,
        };
        if (Metric is { } m)
        {
            figures = figures.Where(f => f.Metric == m);
        }
        if (Subject is not null)
        {
            var subject = Subject;
            figures = figures.Where(f => f.Subject == subject);
        }
        if (Source is { } sourceId)
        {
            figures = figures.Where(f => f.SourceId == sourceId);
        }
        if (SourceKind is { } kind)
        {
            var sources = db.SourceVersions.AsRecordedAt(view.Time.RecordedAt).Where(v => v.Kind == kind);
            figures = figures.Where(f => sources.Any(v => v.Id == f.SourceId));
        }
        return figures;
    }

    /// <summary>The incident filter's id; a 404 for an incident or event unknown at <paramref name="recordedAt"/>.</summary>
    public async Task<(Guid? IncidentId, ProblemResult? Missing)> ResolveAsync(UnrestDb db, DateTimeOffset recordedAt, CancellationToken ct)
    {
        Guid? incidentId = Incident is null ? null : await db.IncidentIdAsync(Incident, recordedAt, ct);
        if (Incident is not null && incidentId is null)
        {
            return (null, Problems.NotFound("incident", Incident));
        }
        if (Event is { } eventId && !await db.EventExistsAsync(eventId, recordedAt, ct))
        {
            return (null, Problems.NotFound("event", eventId.ToString()));
        }
        return (incidentId, null);
    }

    /// <summary>Each figure with its status, derived in the query, keeping only the status asked for.</summary>
    public IQueryable<RatedFigure> Rate(ClaimView view, IQueryable<FigureVersion> figures) =>
        ClaimView.WithStatusFilter(view.WithStatus(figures), Status);
}
