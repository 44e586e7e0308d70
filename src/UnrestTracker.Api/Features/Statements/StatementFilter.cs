using System.Reflection;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Search;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>The filters of the statement list and its CSV export; they compose with AND.</summary>
public sealed record StatementFilter(
    string? Incident, Guid? Event, SeriesLevel? Level, Guid? Source, SourceKind? SourceKind, StatementStatus? Status,
    DateTimeOffset? From, DateTimeOffset? To, string? Text) : IQueryParameters<StatementFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
    [
        new("incident", "Incident id or slug."),
        .. QueryDocs.SeriesLevel,
        new("source", "Source id."),
        QueryDocs.Enum<SourceKind>("sourceKind", "Kind of the source."),
        QueryDocs.Enum<StatementStatus>("status", "Derived status at the moment asked (withdrawn ones are never listed)."),
        .. QueryDocs.Period,
        QueryDocs.Search("summary and quote (inflected forms too where the statement's language is en or ru)"),
    ];

    public static StatementFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var incident = query.Text("incident");
        var eventId = query.Id("event");
        var level = query.Enum<SeriesLevel>("level");
        var source = query.Id("source");
        var sourceKind = query.Enum<SourceKind>("sourceKind");
        var status = query.Enum<StatementStatus>("status");
        var (from, to) = query.Period();
        var text = query.Text("q");
        return new(incident, eventId, level, source, sourceKind, status, from, to, text);
    }

    /// <summary>The visible statements of the view's moment that pass every filter, unordered; a 404 for an unknown incident or event.</summary>
    public async Task<Filtered<StatementVersion>> ApplyAsync(UnrestDb db, ClaimView view, CancellationToken ct)
    {
        var recordedAt = view.Time.RecordedAt;
        var retractions = view.Retractions();
        var statements = view.Statements();
        if (Incident is not null)
        {
            if (await db.IncidentIdAsync(Incident, recordedAt, ct) is not { } incidentId)
            {
                return Filtered<StatementVersion>.NotFound("incident", Incident);
            }
            statements = statements.Where(s => s.IncidentId == incidentId);
        }
        if (Event is { } eventId)
        {
            if (!await db.EventExistsAsync(eventId, recordedAt, ct))
            {
                return Filtered<StatementVersion>.NotFound("event", eventId.ToString());
            }
            statements = statements.Where(s => s.EventId == eventId);
        }
        statements = Level switch
        {
            SeriesLevel.Incident => statements.Where(s => s.EventId == null),
            SeriesLevel.Event => statements.Where(s => s.EventId != null),
            _ => statements,
        };
        if (Source is { } sourceId)
        {
            statements = statements.Where(s => s.SourceId == sourceId);
        }
        if (SourceKind is { } kind)
        {
            var sources = db.SourceVersions.AsRecordedAt(recordedAt).Where(v => v.Kind == kind);
            statements = statements.Where(s => sources.Any(v => v.Id == s.SourceId));
        }
        statements = Status switch
        {
            StatementStatus.Retracted => statements.Where(s => retractions.Any(r => r.StatementId == s.Id)),
            StatementStatus.Active => statements.Where(s => !retractions.Any(r => r.StatementId == s.Id)),
            StatementStatus.Withdrawn => statements.Where(s => false),
            _ => statements,
        };
        if (From is { } f)
        {
            statements = statements.Where(s => s.StatedAt >= f);
        }
        if (To is { } t)
        {
            statements = statements.Where(s => s.StatedAt <= t);
        }
        if (Text is not null)
        {
            var text = Text;
            statements = statements.Where(s => s.SearchVector.Matches(TextSearch.Query(text)));
        }
        return new(statements, null);
    }
}
