using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Statements ordered by (statedAt, id); withdrawn ones are left out; filters compose with AND.</summary>
public static class ListStatements
{
    private const string List = "statements";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var incident = query.Text("incident");
        var source = query.Id("source");
        var sourceKind = query.Enum<SourceKind>("sourceKind");
        var status = query.Enum<StatementStatus>("status");
        var (from, to) = query.Period();
        var text = query.Text("q");
        var time = query.TimeTravel();
        var limit = query.Limit();
        var after = query.Cursor(List, 2);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var retractions = view.Retractions();
        var statements = view.Statements();
        if (incident is not null)
        {
            var incidentId = await db.IncidentIdAsync(incident, time.RecordedAt, ct);
            statements = statements.Where(s => s.IncidentId == incidentId);
        }
        if (source is { } sourceId)
        {
            statements = statements.Where(s => s.SourceId == sourceId);
        }
        if (sourceKind is { } kind)
        {
            var sources = db.SourceVersions.AsRecordedAt(time.RecordedAt).Where(v => v.Kind == kind);
            statements = statements.Where(s => sources.Any(v => v.Id == s.SourceId));
        }
        statements = status switch
        {
            StatementStatus.Retracted => statements.Where(s => retractions.Any(r => r.StatementId == s.Id)),
            StatementStatus.Active => statements.Where(s => !retractions.Any(r => r.StatementId == s.Id)),
            StatementStatus.Withdrawn => statements.Where(s => false),
            _ => statements,
        };
        if (from is { } f)
        {
            statements = statements.Where(s => s.StatedAt >= f);
        }
        if (to is { } t)
        {
            statements = statements.Where(s => s.StatedAt <= t);
        }
        if (text is not null)
        {
            statements = statements.Where(s => s.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", text)));
        }
        if (after is not null)
        {
            var (at, id) = (after[0].GetDateTimeOffset(), after[1].GetGuid());
            statements = statements.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.StatedAt, s.Id), ValueTuple.Create(at, id)));
        }
        var rows = await statements.OrderBy(s => s.StatedAt).ThenBy(s => s.Id).Take(limit + 1).ToListAsync(ct);
        var items = await view.RenderAsync(rows.Take(limit).ToList(), ct);
        var next = rows.Count > limit ? Cursor.Encode(List, items[^1].StatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<StatementResponse>(items, next));
    }

    /// <summary>An incident filter by id or slug; an unknown slug matches nothing rather than everything.</summary>
    public static async Task<Guid> IncidentIdAsync(this UnrestDb db, string incident, DateTimeOffset recordedAt, CancellationToken ct) =>
        Guid.TryParse(incident, out var id) ? id : (await db.FindAsync(incident, recordedAt, ct))?.Id ?? Guid.Empty;
}
