using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Replicas;

/// <summary>
/// Chooses, per request, which server the request's <see cref="UnrestDb"/> talks to, when replicas are configured.
/// Writes, idempotency, key bookkeeping (authentication runs before this) and exports stay on the primary. A
/// <c>GET</c>/<c>HEAD</c> goes to the next usable replica (round robin) if, on that replica's connection, it is a
/// standby within <c>Replicas:MaxLagSeconds</c> and has every write the answer must show:
/// <list type="bullet">
/// <item>with <c>recordedAsOf=T</c>: every write recorded by T (<see cref="ReplayPosition.Covers"/>);</item>
/// <item>"now": at least the client's floor (<see cref="ClientFloors"/>: its own last write, its last answer), and the
/// answer is pinned, link and body alike, to the newest write that server has.</item>
/// </list>
/// Otherwise the primary answers, "now" pinned the same way. A replica's answer carries <c>Replica-Lag</c>. A read the
/// replica cancels for a recovery conflict is asked again of the primary.
/// </summary>
public sealed class ReadRouting(RequestDelegate next, ReplicaMonitor monitor, ClientFloors floors, DatabaseLocation location, ILogger<ReadRouting> logger)
{
    /// <summary>Seconds the answering replica trailed the primary by (its replay lag); only on answers a replica gave.</summary>
    public const string LagHeader = "Replica-Lag";

    public async Task InvokeAsync(HttpContext http, UnrestDb db)
    {
        if (monitor.Replicas.Count > 0 && http.Request.Path.StartsWithSegments(ApiPath.V1) && http.GetEndpoint() is not null)
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                if (await ChooseAsync(http, db) is { } replica)
                {
                    await OnReplicaAsync(http, db, replica.Client, replica.Asked);
                    return;
                }
            }
            else
            {
                RememberWrite(http, db);
            }
        }
        await next(http);
    }

    /// <summary>
    /// Answers on the replica chosen; if the standby cancels the query to replay what it conflicted with (a recovery
    /// conflict) before anything was sent, the primary answers instead, pinned to its own newest write.
    /// </summary>
    private async Task OnReplicaAsync(HttpContext http, UnrestDb db, string client, DateTimeOffset? asked)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (ProblemExceptionHandler.IsRecoveryConflict(e) && !http.Response.HasStarted)
        {
            logger.LogInformation("A replica cancelled {Path} (conflict with recovery); the primary answers it", http.Request.Path.Value);
            http.Response.Clear();
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
            db.Database.SetConnectionString(location.ConnectionString);
            if (asked is null)
            {
                Pin(http, client, await ReplayPosition.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), http.RequestAborted), asked);
            }
            await next(http);
        }
    }

    /// <summary>The client and its asked <c>recordedAsOf</c> when a replica answers; null when the primary does.</summary>
    private async Task<(string Client, DateTimeOffset? Asked)?> ChooseAsync(HttpContext http, UnrestDb db)
    {
        DateTimeOffset? asked = null;
        if (http.Request.Query.TryGetValue("recordedAsOf", out var text))
        {
            if (text.Count != 1 || !Timestamps.TryParse(text[0] ?? "", endOfDay: true, out var at))
            {
                return null; // the endpoint answers the 400
            }
            asked = at;
        }
        var client = ClientIdentity.Of(http);
        var floor = Math.Max(floors.Of(client), HistoryETags.SeqNamedBy(http.Request));
        if (monitor.Next() is { } replica)
        {
            db.Database.SetConnectionString(replica.ConnectionString);
            try
            {
                var position = await ReplayPosition.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), http.RequestAborted);
                if (position.InRecovery && position.LagSeconds <= monitor.MaxLagSeconds
                    && (asked is { } t ? position.Covers(t, monitor.Horizon) : position.At is not null && position.Seq >= floor))
                {
                    http.Response.Headers[LagHeader] = position.LagSeconds.ToString("0.000", CultureInfo.InvariantCulture);
                    Pin(http, client, position, asked);
                    return (client, asked);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException || ProblemExceptionHandler.IsDatabaseUnavailable(e))
            {
                // Unreachable, or not (yet) a copy of this database: skip it until the monitor sees it answer.
                monitor.MarkDown(replica, e);
            }
            db.Database.SetConnectionString(location.ConnectionString);
        }
        if (asked is null)
        {
            Pin(http, client, await ReplayPosition.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), http.RequestAborted), asked);
        }
        return null;
    }

    private void Pin(HttpContext http, string client, ReplayPosition position, DateTimeOffset? asked)
    {
        NewestWrite.Remember(http, position.Seq, position.At);
        if (asked is null && position.At is { } newest)
        {
            RequestClock.Pin(http, newest);
            floors.Raise(client, position.Seq);
        }
    }

    /// <summary>Before a successful write's answer leaves, the client's floor becomes the newest write (its own included).</summary>
    private void RememberWrite(HttpContext http, UnrestDb db)
    {
        var client = ClientIdentity.Of(http);
        http.Response.OnStarting(async () =>
        {
            if (http.Response.StatusCode >= 400)
            {
                return;
            }
            try
            {
                floors.Raise(client, await db.Database.SqlQuery<long>($"SELECT coalesce(max(seq), 0) AS \"Value\" FROM changes").SingleAsync());
            }
            catch (Exception e) when (ProblemExceptionHandler.IsDatabaseUnavailable(e))
            {
                floors.Raise(client, long.MaxValue); // unknown: the primary answers this client until the floor expires
            }
        });
    }
}
