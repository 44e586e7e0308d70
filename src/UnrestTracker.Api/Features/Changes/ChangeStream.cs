using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>
/// <c>GET /changes/stream</c>: the change feed as Server-Sent Events. Each round takes the newest seq and the changes
/// up to it: from the primary's shared tail (<see cref="ChangeTail"/>, one read per wake-up for all streams), or from
/// the database the request reads when that is a replica or the stream is further behind than the tail holds. Seq
/// order is commit order (see <see cref="Writer"/>), so everything up to the newest seq is committed and the position
/// can move past it with nothing skipped, whatever the filters left out. Between rounds the stream holds no database
/// connection and waits for <see cref="ChangeSignal"/>, or a second when its database is behind the primary.
/// </summary>
public static class ChangeStream
{
    private const int Page = 500;
    private static readonly TimeSpan ReplayPoll = TimeSpan.FromSeconds(1);
    private const int RetryMilliseconds = 3000;

    public static async Task<Results<EmptyHttpResult, ProblemResult>> Handle(HttpContext http, UnrestDb db, StreamSlots slots, ChangeSignal signal,
        ChangeTail tail, DatabaseLocation location, IHostApplicationLifetime lifetime, IConfiguration configuration, ILoggerFactory logs, CancellationToken ct)
    {
        var request = await StreamRequest.ReadAsync(http, db, ct);
        if (request.Problem is { } problem)
        {
            return problem;
        }
        using var slot = http.IsHead() ? null : slots.TryTake(http);
        if (slot is null && !http.IsHead())
        {
            http.Response.Headers.RetryAfter = "10";
            return (ProblemResult)TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                title: "Too many open streams.", detail: "This client, or the server, holds as many change streams as it may; close one or try again later.");
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.StartAsync(ct);
        if (http.IsHead())
        {
            return TypedResults.Empty;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        try
        {
            var limits = new StreamLimits(configuration.GetValue("Streams:MaxBacklog", 10_000L),
                TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Streams:KeepAliveSeconds", 10), 1, 15)));
            // A stream routed to a replica reads the replica: the shared tail is the primary's.
            var onPrimary = db.Database.GetConnectionString() == location.ConnectionString;
            await RunAsync(http, db, signal, onPrimary ? tail : null, request, limits, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, or the server is shutting down: the stream ends; a client resumes with Last-Event-ID.
        }
        catch (DbException e)
        {
            // The database went away: the stream ends (the headers are long sent), and the client resumes with Last-Event-ID.
            logs.CreateLogger(typeof(ChangeStream)).LogWarning(e, "A change stream ended: the database failed ({SqlState})", (e as Npgsql.PostgresException)?.SqlState);
        }
        return TypedResults.Empty;
    }

    private static async Task RunAsync(HttpContext http, UnrestDb db, ChangeSignal signal, ChangeTail? tail, StreamRequest request, StreamLimits limits,
        CancellationToken ct)
    {
        var position = request.After;
        var text = new StringBuilder($": after {position}\nretry: {RetryMilliseconds}\n\n");
        await SendAsync(http, text, ct);
        var lastSent = DateTime.UtcNow;
        var gap = long.MaxValue; // a stream that starts far behind may catch up; one that falls further behind may not
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.Next;
            // The first round reads the database itself: the shared tail may not yet hold a write committed just before
            // the stream opened (a client resuming after a bulk write), and a first count taken from it would make the
            // next round's look like a stream falling behind.
            var (newest, changes) = await ReadRoundAsync(db, gap == long.MaxValue ? null : tail, request.Filter, position, ct);
            var behind = await BehindAsync(db, position, newest, limits.MaxBacklog, ct);
            // Too far behind and not catching up: close, rather than hold the client's backlog; it resumes with Last-Event-ID.
            if (behind > limits.MaxBacklog && behind > gap)
            {
                text.Append(CultureInfo.InvariantCulture, $": closed, more than {limits.MaxBacklog} changes behind; reconnect with Last-Event-ID\n\n");
                await SendAsync(http, text, ct);
                return;
            }
            gap = behind;
            foreach (var c in changes)
            {
                text.Append(c.Event);
            }
            position = changes.Count == Page ? changes[^1].Change.Seq : Math.Max(position, newest);
            if (changes.Count > 0)
            {
                await SendAsync(http, text, ct);
                lastSent = DateTime.UtcNow;
                if (changes.Count == Page)
                {
                    continue;
                }
            }
            var keepAliveIn = limits.KeepAlive - (DateTime.UtcNow - lastSent);
            var wait = signal.Newest > newest ? ReplayPoll : keepAliveIn;
            if (wait > TimeSpan.Zero)
            {
                // WaitAsync drops its timer when the wake-up comes first: a thousand streams woken by every write leave
                // no thousand timers behind (Task.Delay's would run on until they fire).
                await wake.WaitAsync(wait, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                ct.ThrowIfCancellationRequested();
            }
            if (DateTime.UtcNow - lastSent >= limits.KeepAlive)
            {
                text.Append(CultureInfo.InvariantCulture, $"retry: {RetryMilliseconds}\n: keep-alive\n\n");
                await SendAsync(http, text, ct);
                lastSent = DateTime.UtcNow;
            }
        }
    }

    /// <summary>
    /// The newest seq and up to a page of the changes after the position that pass the filter: from the shared tail
    /// when the stream reads the primary and the tail still holds its position, from its own database otherwise.
    /// </summary>
    private static async Task<(long Newest, List<TailChange> Changes)> ReadRoundAsync(UnrestDb db, ChangeTail? tail, ChangeFilter filter,
        long position, CancellationToken ct)
    {
        if (tail is not null && await tail.CurrentAsync(ct) is { } window && position >= window.From)
        {
            return (Math.Max(position, window.Through), window.After(position, filter, Page));
        }
        var newest = await db.Changes.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
        var changes = await filter.Apply(db, db.Changes.AsNoTracking().Where(c => c.Seq > position && c.Seq <= newest))
            .OrderBy(c => c.Seq).Take(Page).Select(c => new ChangeResponse(c.Seq, c.Entity, c.EntityId, c.Op, c.At, c.By)).ToListAsync(ct);
        return (newest, [.. changes.Select(c => new TailChange(c, []))]);
    }

    /// <summary>
    /// How many changes lie between the position and the newest seq. Seqs have holes (a rolled-back write, a restart,
    /// a change log emptied while its sequence went on), so the distance between seqs only bounds the count: it is
    /// counted when that bound exceeds the backlog allowed.
    /// </summary>
    private static async Task<long> BehindAsync(UnrestDb db, long position, long newest, long maxBacklog, CancellationToken ct) =>
        newest - position <= maxBacklog ? newest - position : await db.Changes.LongCountAsync(c => c.Seq > position && c.Seq <= newest, ct);

    private static async Task SendAsync(HttpContext http, StringBuilder text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text.ToString(), ct);
        await http.Response.Body.FlushAsync(ct);
        text.Clear();
    }
}

/// <summary><c>Streams:MaxBacklog</c>, and how often an idle stream sends a comment (<c>Streams:KeepAliveSeconds</c>, 1 to 15, default 10).</summary>
internal sealed record StreamLimits(long MaxBacklog, TimeSpan KeepAlive);
