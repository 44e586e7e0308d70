using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Statements ordered by (statedAt, id); withdrawn ones are left out; CSV streams the whole filtered set.</summary>
public static class ListStatements
{
    private const string List = "statements";

    public static async Task<IResult> Handle(HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var filter = StatementFilter.Read(query);
        var time = query.TimeTravel();
        var (format, limit, after) = query.ListOrExport(http.Request, List, [CursorKey.Timestamp, CursorKey.Id], ExportFormat.Csv);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        var view = new ClaimView(db, time);
        var (filtered, missing) = await filter.ApplyAsync(db, view, ct);
        if (filtered is not { } statements)
        {
            return missing!;
        }
        if (format != ExportFormat.Json)
        {
            if (ExportAdmission.Admit(http, db) is { } refused)
            {
                return refused;
            }
            return ExportStatements.Stream(db, view, statements);
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
}
