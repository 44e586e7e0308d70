using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>An editorial fix: a new version of the statement and of every one of its figures, ids unchanged.</summary>
public static class UpdateStatement
{
    public static async Task<Results<Resource<StatementResponse>, ProblemResult>> Handle(string id, StatementRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var statementId))
        {
            return Problems.NotFound("statement", id);
        }
        return await writer.WriteAsync<Results<Resource<StatementResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var time = new TimeTravel(null, batch.At, batch.At);
            var current = await db.FindStatementAsync(time, statementId, ct);
            if (current is null)
            {
                return Problems.NotFound("statement", id);
            }
            if (Representation.CheckIfMatch(http, current) is { } failed)
            {
                return failed;
            }
            if (current.Status == StatementStatus.Withdrawn)
            {
                return Problems.Conflict("The statement is withdrawn.", "A withdrawn statement can be read but not edited.");
            }
            var validation = request.Validate();
            CheckSameClaim(validation, request, current);
            if (validation.IsValid)
            {
                validation = await StatementChecks.CheckAsync(db, request, current.Figures.Select(f => f.Id).ToList(), ct);
            }
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
            var createdAt = await db.StatementVersions.Where(s => s.Id == statementId).Select(s => s.CreatedAt).FirstAsync(ct);
            var figureIds = (request.Figures ?? []).Select(f => f.Id!.Value).ToList();
            StatementChecks.Record(db, batch, request, statementId, current.Version + 1, createdAt, figureIds);
            batch.Record(ChangeEntities.Statement, statementId, ChangeOps.Updated);
            await db.SaveChangesAsync(ct);
            return Resource.Of((await db.FindStatementAsync(time, statementId, ct))!);
        }, ct);
    }

    /// <summary>A fix may change what was said, not who said it about what, nor which figures it holds.</summary>
    private static void CheckSameClaim(Validation v, StatementRequest request, StatementResponse current)
    {
        if (request.IncidentId is { } incidentId && incidentId != current.IncidentId)
        {
            v.Add("incidentId", "Cannot change: withdraw this statement and record a new one.");
        }
        if (request.SourceId is { } sourceId && sourceId != current.SourceId)
        {
            v.Add("sourceId", "Cannot change: withdraw this statement and record a new one.");
        }
        if (request.EventId != current.EventId)
        {
            v.Add("eventId", "Cannot change: withdraw this statement and record a new one.");
        }
        var figures = request.Figures ?? [];
        var expected = current.Figures.Select(f => f.Id).ToHashSet();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i]?.Id is not { } figureId)
            {
                v.Add($"figures[{i}].id", "Every figure must be sent with its id; figures cannot be added.");
            }
            else if (!expected.Contains(figureId) || !seen.Add(figureId))
            {
                v.Add($"figures[{i}].id", "Must be the id of one of this statement's figures, each once.");
            }
        }
        if (figures.Length < expected.Count)
        {
            v.Add("figures", $"Every figure must be sent ({expected.Count}); figures cannot be removed.");
        }
    }
}
