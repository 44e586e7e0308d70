using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>We withdraw a statement entered by mistake: a tombstone with a reason; nothing is deleted.</summary>
public static class DeleteStatement
{
    public static async Task<Results<NoContent, ProblemResult>> Handle(string id, [Why("the statement is withdrawn")] Reason reason, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var statementId))
        {
            return Problems.NotFound("statement", id);
        }
        return await writer.WriteAsync<Results<NoContent, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            if (!await db.StatementVersions.AnyAsync(s => s.Id == statementId, ct))
            {
                return Problems.NotFound("statement", id);
            }
            var withdrawn = await db.Tombstones.AnyAsync(t => t.Entity == ChangeEntities.Statement && t.EntityId == statementId, ct);
            if (!withdrawn)
            {
                db.Tombstones.Add(new Tombstone { Entity = ChangeEntities.Statement, EntityId = statementId, At = batch.At, By = batch.By, Reason = reason.Text });
                batch.Record(ChangeEntities.Statement, statementId, ChangeOps.Deleted);
            }
            return TypedResults.NoContent();
        }, ct);
    }
}
