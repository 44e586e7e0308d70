using UnrestTracker.Api.Infrastructure.Auth;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>
/// How many streams are open, per client and in all: <c>Streams:MaxPerClient</c> (default 4) per key, or per network
/// for anonymous clients (<see cref="ClientIdentity"/>, as rate budgets and export slots count them), and
/// <c>Streams:MaxTotal</c> (default 1,000) of which <c>Streams:ReservedForKeys</c> (default 100) only clients with a key may take.
/// </summary>
public sealed class StreamSlots(IConfiguration configuration)
{
    private readonly ClientSlots _slots = Slots(configuration);

    /// <summary>A slot, released when disposed; null when the client or the server is at its limit.</summary>
    public IDisposable? TryTake(HttpContext http) => _slots.TryTake(ClientIdentity.Of(http));

    private static ClientSlots Slots(IConfiguration configuration)
    {
        var maxTotal = configuration.GetValue("Streams:MaxTotal", 1000);
        return new ClientSlots(maxTotal, configuration.GetValue("Streams:MaxPerClient", 4), maxTotal - configuration.GetValue("Streams:ReservedForKeys", 100));
    }
}
