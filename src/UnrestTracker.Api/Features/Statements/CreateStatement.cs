using Microsoft.AspNetCore.Http.HttpResults;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

public static class CreateStatement
{
    public static async Task<Results<CreatedResource<StatementResponse>, ProblemResult>> Handle(StatementRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<StatementResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var checks = await StatementChecks.CheckAsync(db, request, [], ct);
            if (!checks.IsValid)
            {
                return checks.Problem();
            }
            var created = Record(db, batch, request);
            // Saved inside the write's transaction so the answer is read the way every GET reads it.
            await db.SaveChangesAsync(ct);
            var response = await db.FindStatementAsync(new TimeTravel(null, batch.At, batch.At), created.Id, ct);
            return Resource.Created($"{ApiPath.V1}/statements/{created.Id}", response!);
        }, ct);
    }

    /// <summary>Version 1 of a new statement with fresh figure ids; the request must already be checked.</summary>
    public static StatementVersion Record(UnrestDb db, WriteBatch batch, StatementRequest request) =>
        StatementChecks.Track(db, Build(batch, request));

    /// <summary>The rows of <see cref="Record"/>, its change recorded but the rows not tracked (the bulk path of imports copies them).</summary>
    public static (StatementVersion Statement, FigureVersion[] Figures) Build(WriteBatch batch, StatementRequest request)
    {
        var figureIds = (request.Figures ?? []).Select(_ => Guid.CreateVersion7()).ToList();
        var built = StatementChecks.Build(batch, request, Guid.CreateVersion7(), 1, batch.At, figureIds);
        batch.Record(ChangeEntities.Statement, built.Statement.Id, ChangeOps.Created);
        return built;
    }
}
