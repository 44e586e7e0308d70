using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>Statements ordered by (statedAt, id); withdrawn ones are left out; CSV streams the whole filtered set.</summary>
public static class ListStatements
{
    private static readonly Keyset<StatementVersion> Order = new("statements", s => s.StatedAt, s => s.Id);

    public static async Task<Results<Ok<Page<StatementResponse>>, ExportStream, ProblemResult>> Handle(StatementFilter filter, TimeTravel time, [PagedBy(nameof(Order), ExportFormat.Csv)] ListRequest list,
        HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var (format, limit, after) = list;
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
        var rows = await Order.Sort(Order.After(statements, after)).Take(limit + 1).ToListAsync(ct);
        var page = Order.Page(rows, limit);
        return TypedResults.Ok(new Page<StatementResponse>(await view.RenderAsync(page.Items.ToList(), ct), page.NextCursor));
    }
}
