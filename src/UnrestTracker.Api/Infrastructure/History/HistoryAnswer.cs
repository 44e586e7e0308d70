using System.Data;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.History;

/// <summary>
/// What one read of history is pinned to (docs/api.md, "Answers that cache and cite"): a <c>recordedAsOf</c> at or
/// before W is a snapshot, which later writes cannot change; "now", or a moment after W, is answered as of W.
/// </summary>
public sealed record HistoryAnswer(NewestWrite? Newest, DateTimeOffset? Asked)
{
    private const string Key = "unrest.historyAnswer";

    public bool IsSnapshot => Asked is { } asked && Newest is { } newest && asked <= newest.At;

    public static HistoryAnswer? Of(HttpContext http) => http.Items.TryGetValue(Key, out var value) ? value as HistoryAnswer : null;

    /// <summary>
    /// A read of the present in the snapshot whose W was probed first: W, as the prefix <see cref="HistoryMemo"/> keys its
    /// answer by (sparing the memo a probe); null otherwise.
    /// </summary>
    public static HistoryPrefix? PrefixOf(HttpContext http, UnrestDb db, TimeTravel time) =>
        time.IsNow && Of(http)?.Newest is { } w && db.Database.CurrentTransaction is not null ? new HistoryPrefix(w.Seq, w.At) : null;

    internal static void Set(HttpContext http, HistoryAnswer answer) => http.Items[Key] = answer;
}

public static class HistoryAnswers
{
    /// <summary>
    /// After read routing (which picks the server whose W counts) and before the endpoints. A read without asOf runs in
    /// one REPEATABLE READ transaction that W is probed in first: when it asks for the present (no recordedAsOf, or one at
    /// or after W, which is the present too) it is answered from what the writes keep (figure_status_now,
    /// event_sums_now), which then holds exactly the writes up to W, never one committed between the probe and the read.
    /// A past snapshot leaves the transaction at once and reads history. An export leaves it for the export pool
    /// (<see cref="Export.ExportAdmission"/>) and reads the present in a snapshot of its own there (<see cref="Export.ExportSnapshot"/>).
    /// </summary>
    public static IApplicationBuilder UseHistoryAnswers(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!SnapshotLink.Applies(http.Request) || http.GetEndpoint() is null || http.IsLive())
        {
            await next(http);
            return;
        }
        var db = http.RequestServices.GetRequiredService<UnrestDb>();
        var asked = AskedOf(http.Request);
        if (HistoryETags.SeqNamedBy(http.Request) > 0 && await NewestWrite.OfAsync(http, db, probe: true) is { } known
            && HistoryETags.WillNotModify(http, new HistoryAnswer(known, asked)))
        {
            // A revalidation of the answer as of the newest write: a 304 that reads nothing needs no snapshot.
            Answer(http, db, new HistoryAnswer(known, asked));
            await next(http);
            return;
        }
        if (http.GetEndpoint()?.Metadata.GetMetadata<ReadsHistoryOnlyMetadata>() is not null)
        {
            // W first (or the one read routing read on this server), then the read on one connection: every row it reads
            // was recorded by W, so no snapshot is needed, and none is ended (a round trip) after the answer.
            await db.Database.OpenConnectionAsync(http.RequestAborted);
            try
            {
                Answer(http, db, new HistoryAnswer(await NewestWrite.OfAsync(http, db), asked));
                await next(http);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        var snapshot = http.Request.Query.ContainsKey("asOf") ? null : await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, http.RequestAborted);
        try
        {
            var newest = await NewestWrite.OfAsync(http, db, probe: snapshot is not null);
            if (!Answer(http, db, new HistoryAnswer(newest, asked)) && snapshot is not null)
            {
                await snapshot.DisposeAsync();
                snapshot = null;
            }
            await next(http);
        }
        finally
        {
            if (snapshot is not null)
            {
                await snapshot.DisposeAsync();
            }
        }
    });

    /// <summary>Sets the request's answer; pins its clock to W and returns true when it asks for the present (or a moment after W).</summary>
    private static bool Answer(HttpContext http, UnrestDb db, HistoryAnswer answer)
    {
        HistoryAnswer.Set(http, answer);
        db.SettledAt = answer.Newest?.At;
        if (answer.Newest is { } newest && (answer.Asked is null || answer.Asked >= newest.At))
        {
            RequestClock.Pin(http, newest.At);
            return true;
        }
        return false;
    }

    /// <summary>The <c>recordedAsOf</c> asked for (Accept-Datetime was put into the query already); null for "now" or when malformed (the endpoint answers that 400).</summary>
    private static DateTimeOffset? AskedOf(HttpRequest request) =>
        request.Query.TryGetValue("recordedAsOf", out var text) && text.Count == 1 && Timestamps.TryParse(text[0] ?? "", endOfDay: true, out var at)
            ? at
            : null;
}

/// <summary>
/// Marks a read that filters every table it reads by the moment recorded (W, for the present) and reads nothing the
/// writes keep "now" (figure_status_now, event_sums_now, events_now, the clusters): it needs no snapshot of its own.
/// </summary>
public sealed class ReadsHistoryOnlyMetadata;

public static class ReadsHistoryOnlyExtensions
{
    public static TBuilder ReadsHistoryOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsHistoryOnlyMetadata());
}
