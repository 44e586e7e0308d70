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

    internal static void Set(HttpContext http, HistoryAnswer answer) => http.Items[Key] = answer;
}

public static class HistoryAnswers
{
    /// <summary>
    /// After read routing (which picks the server whose W counts) and before the endpoints. A read of the present runs
    /// in one REPEATABLE READ transaction that W is probed in first: what the writes keep for "now" (figure_status_now)
    /// then holds exactly the writes up to W, never one committed between the probe and the read. An export leaves it
    /// for the export pool (<see cref="Export.ExportAdmission"/>) and reads history at W instead.
    /// </summary>
    public static IApplicationBuilder UseHistoryAnswers(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (SnapshotLink.Applies(http.Request) && http.GetEndpoint() is not null && !http.IsLive())
        {
            var db = http.RequestServices.GetRequiredService<UnrestDb>();
            var readsNow = !http.Request.Query.ContainsKey("asOf") && !http.Request.Query.ContainsKey("recordedAsOf");
            await using var snapshot = readsNow ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, http.RequestAborted) : null;
            var newest = await NewestWrite.OfAsync(http, db, probe: readsNow);
            var answer = new HistoryAnswer(newest, AskedOf(http.Request));
            HistoryAnswer.Set(http, answer);
            if (!answer.IsSnapshot && newest is not null)
            {
                RequestClock.Pin(http, newest.At);
            }
            await next(http);
            return;
        }
        await next(http);
    });

    /// <summary>The <c>recordedAsOf</c> asked for (Accept-Datetime was put into the query already); null for "now" or when malformed (the endpoint answers that 400).</summary>
    private static DateTimeOffset? AskedOf(HttpRequest request) =>
        request.Query.TryGetValue("recordedAsOf", out var text) && text.Count == 1 && Timestamps.TryParse(text[0] ?? "", endOfDay: true, out var at)
            ? at
            : null;
}
