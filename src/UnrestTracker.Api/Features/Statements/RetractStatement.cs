using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>The source withdrew what it said: a new record beside the statement, never an overwrite.</summary>
public static class RetractStatement
{

    public static async Task<Results<CreatedResource<RetractionResponse>, ProblemResult>> Handle(string id, RetractionRequest request, HttpContext http, UnrestDb db, Writer writer, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var statementId))
        {
            return Problems.NotFound("statement", id);
        }
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await writer.WriteAsync<Results<CreatedResource<RetractionResponse>, ProblemResult>>(Caller.NameOf(http), async batch =>
        {
            var statement = await db.StatementVersions.Latest().FirstOrDefaultAsync(s => s.Id == statementId, ct);
            if (statement is null)
            {
                return Problems.NotFound("statement", id);
            }
            if (await db.Retractions.AnyAsync(r => r.StatementId == statementId, ct))
            {
                return Problems.Conflict("Already retracted.", "A statement is retracted once; its retraction is never rewritten.");
            }
            var checks = await CheckAsync(db, request, statement, ct);
            if (!checks.IsValid)
            {
                return checks.Problem();
            }
            var retraction = Record(db, batch, statementId, request);
            var sources = await db.SourceBriefsAsync(request.BySourceId is { } by ? [by] : [], batch.At, ct);
            return Resource.Created($"{ApiPath.V1}/statements/{statementId}", RetractionResponse.From(retraction, sources));
        }, ct);
    }

    private static async Task<Validation> CheckAsync(UnrestDb db, RetractionRequest request, StatementVersion statement, CancellationToken ct)
    {
        var v = new Validation();
        if (request.RetractedAt < statement.StatedAt)
        {
            v.Add("retractedAt", "Must not be before the statement's statedAt.");
        }
        if (request.ByStatementId is { } by && !await db.StatementVersions.AnyAsync(s => s.Id == by, ct))
        {
            v.Add("byStatementId", $"There is no statement '{by}'.");
        }
        if (request.BySourceId is { } source && !await db.SourceVersions.AnyAsync(s => s.Id == source, ct))
        {
            v.Add("bySourceId", $"There is no source '{source}'.");
        }
        return v;
    }

    public static Retraction Record(UnrestDb db, WriteBatch batch, Guid statementId, RetractionRequest request)
    {
        var retraction = new Retraction
        {
            StatementId = statementId,
            RetractedAt = request.RetractedAt!.Value,
            Reason = request.Reason!.Trim(),
            ByStatementId = request.ByStatementId,
            BySourceId = request.BySourceId,
            Url = request.Url,
            RecordedAt = batch.At,
            RecordedBy = batch.By,
        };
        db.Retractions.Add(retraction);
        batch.Record(ChangeEntities.Retraction, statementId, ChangeOps.Retracted);
        return retraction;
    }
}
