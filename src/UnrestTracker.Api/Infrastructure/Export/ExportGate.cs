using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// How many exports run at once: <c>Exports:MaxConcurrent</c> (4) in all, <c>Exports:MaxConcurrentPerClient</c>
/// (1) per key or network (<see cref="ClientIdentity"/>), and <c>Exports:ReservedForKeys</c> (1) of them kept for
/// clients with a key, so anonymous callers together cannot hold every slot. Each holds one connection of the
/// export pool (sized to match) for its whole life.
/// </summary>
public sealed class ExportGate(IConfiguration configuration)
{
    public const int RetryAfterSeconds = 10;

    private readonly ClientSlots _slots = Slots(configuration);

    public IDisposable? TryEnter(string client) => _slots.TryTake(client);

    private static ClientSlots Slots(IConfiguration configuration)
    {
        var maxTotal = Math.Max(1, configuration.GetValue("Exports:MaxConcurrent", 4));
        var maxPerClient = Math.Max(1, configuration.GetValue("Exports:MaxConcurrentPerClient", 1));
        // At least one slot stays open to anonymous callers: exports are reads, and reads are anonymous.
        var reserved = Math.Clamp(configuration.GetValue("Exports:ReservedForKeys", 1), 0, maxTotal - 1);
        return new ClientSlots(maxTotal, maxPerClient, maxTotal - reserved);
    }
}

public static class ExportAdmission
{
    private const string SlotKey = "unrest.exportSlot";

    /// <summary>
    /// Gives the export's slot back once its last byte is written, before the response ends: released only when the request is
    /// disposed, a client's next export, sent as soon as it has read this one, could still find it taken (a 429).
    /// </summary>
    public static void Release(HttpContext http)
    {
        if (http.Items.Remove(SlotKey, out var slot))
        {
            (slot as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Takes an export slot for the rest of the request and moves the query to the export pool (a long
    /// but finite statement timeout); null when admitted, otherwise the 429 to answer with.
    /// </summary>
    public static ProblemResult? Admit(HttpContext http, DbContext db)
    {
        var slot = http.RequestServices.GetRequiredService<ExportGate>().TryEnter(ClientIdentity.Of(http));
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = $"{ExportGate.RetryAfterSeconds}";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many exports at once.",
                detail: $"This client, or the server as a whole, is already running as many exports as it may; try again in {ExportGate.RetryAfterSeconds} s.");
        }
        http.Items[SlotKey] = slot;
        http.Response.RegisterForDispose(slot);
        // A reader slower than this holds its slot and connection no longer: Kestrel ends the response.
        if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
            rate.MinDataRate = new MinDataRate(Math.Max(1, configuration.GetValue("Exports:MinBytesPerSecond", 16 * 1024)), TimeSpan.FromSeconds(10));
        }
        // On the primary, whatever server read routing chose: a replica replaying a vacuum or a lock could cancel a
        // long export (a recovery conflict). The primary has every write the request's pin names.
        // The read's snapshot (History.HistoryAnswers) ends here: the export reads at W on its own connection (ExportSnapshot).
        db.Database.CurrentTransaction?.Dispose();
        db.Database.CloseConnection(); // held open by a read of history alone, which has no snapshot to end
        db.Database.SetConnectionString(http.RequestServices.GetRequiredService<DatabaseLocation>().ExportConnectionString);
        http.Response.Headers.Remove(Replicas.ReadRouting.LagHeader);
        return null;
    }
}

public static class ExportSetup
{
    public static IServiceCollection AddUnrestExports(this IServiceCollection services) => services.AddSingleton<ExportGate>();
}
