using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Retractions;

/// <summary>A retraction with the statement it withdrew and the figures that left the headlines with it; <c>bySource</c> is who <c>bySourceId</c> names (id, name, kind).</summary>
public sealed record RetractionItem(
    Guid StatementId, DateTimeOffset RetractedAt, string Reason, Guid? ByStatementId, Guid? BySourceId, SourceBrief? BySource, string? Url,
    DateTimeOffset RecordedAt, StatementResponse Statement, IReadOnlyList<FigureResponse> Figures)
{
    /// <summary>The item of <paramref name="r"/>, whose statement is already rendered (its retraction names the source).</summary>
    public static RetractionItem Of(Retraction r, StatementResponse statement) =>
        new(r.StatementId, r.RetractedAt, r.Reason, r.ByStatementId, r.BySourceId, statement.Retraction?.BySource, r.Url, r.RecordedAt,
            statement, statement.Figures);
}

/// <summary>
/// Retractions seen on both clocks, of statements not withdrawn, ordered by (retractedAt, statementId),
/// each with the statement and the figures it withdrew.
/// </summary>
public static class ListRetractions
{
    private static readonly Keyset<Retraction> Order = new("retractions", r => r.RetractedAt, r => r.StatementId);

    public static async Task<Results<Ok<Page<RetractionItem>>, ProblemResult>> Handle(RetractionFilter filter, TimeTravel time, [PagedBy(nameof(Order))] PageRequest paging,
        UnrestDb db, CancellationToken ct)
    {
        var (incident, source, from, to) = filter;
        var (limit, after) = (paging.Limit, paging.After);
        var view = new ClaimView(db, time);
        var statements = view.Statements();
        if (incident is not null)
        {
            if (await db.IncidentIdAsync(incident, time.RecordedAt, ct) is not { } incidentId)
            {
                return Problems.NotFound("incident", incident);
            }
            statements = statements.Where(s => s.IncidentId == incidentId);
        }
        if (source is { } sourceId)
        {
            statements = statements.Where(s => s.SourceId == sourceId);
        }
        var retractions = view.Retractions().Where(r => statements.Any(s => s.Id == r.StatementId));
        if (from is { } f)
        {
            retractions = retractions.Where(r => r.RetractedAt >= f);
        }
        if (to is { } t)
        {
            retractions = retractions.Where(r => r.RetractedAt <= t);
        }
        var rows = await Order.Sort(Order.After(retractions, after)).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit);
        var ids = page.Items.Select(r => r.StatementId).ToList();
        var versions = await statements.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var rendered = (await view.RenderAsync(versions, ct)).ToDictionary(s => s.Id);
        var items = page.Items.Select(r => RetractionItem.Of(r, rendered[r.StatementId])).ToList();
        return TypedResults.Ok(new Page<RetractionItem>(items, page.NextCursor));
    }
}

/// <summary>The filters of the retraction list: the retracted statement's incident and source, and when it was retracted.</summary>
public sealed record RetractionFilter(string? Incident, Guid? Source, DateTimeOffset? From, DateTimeOffset? To) : IQueryParameters<RetractionFilter>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("incident", "Incident id or slug."), new("source", "Source id of the retracted statement."), .. QueryDocs.Period];

    public static RetractionFilter Read(QueryReader query, ParameterInfo parameter)
    {
        var (incident, source) = (query.Text("incident"), query.Id("source"));
        var (from, to) = query.Period();
        return new(incident, source, from, to);
    }
}
