using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.History;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// An export of the present runs in a REPEATABLE READ snapshot of its own on the export connection (the read's snapshot
/// ended when it left for the export pool, <see cref="ExportAdmission"/>), whose newest write is probed first. When that is
/// the W the answer names (its ETag, snapshot link and Memento headers, <see cref="HistoryAnswer"/>), what the writes keep
/// (figure_status_now) holds exactly the writes up to W and answers it. When a write came in between (or read routing
/// named a replica's W), the export reads history at W with the time-travel functions instead: the same answer, dearer.
/// </summary>
public static class ExportSnapshot
{
    /// <summary>Begins the snapshot on the context's open connection; true when the kept tables may answer.</summary>
    public static async Task<bool> BeginAsync(HttpContext http, DbContext db, CancellationToken ct)
    {
        await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var newest = await NewestWrite.ProbeAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
        // No answer pinned to a W (a HEAD): nothing names one, so the snapshot's own present is the answer.
        return HistoryAnswer.Of(http) is not { } answer || newest == answer.Newest;
    }
}
