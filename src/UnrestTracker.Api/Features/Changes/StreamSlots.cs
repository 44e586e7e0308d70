using System.Net;
using System.Net.Sockets;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>
/// How many streams are open, per client and in all: <c>Streams:MaxPerClient</c> (default 4) per key, or per address
/// for anonymous clients (an IPv6 address counts by its /64, what one subscriber usually holds), and
/// <c>Streams:MaxTotal</c> (default 1,000) of which <c>Streams:ReservedForKeys</c> (default 100) only clients with a key may take.
/// </summary>
public sealed class StreamSlots(IConfiguration configuration)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _total;

    private int MaxPerClient => configuration.GetValue("Streams:MaxPerClient", 4);
    private int MaxTotal => configuration.GetValue("Streams:MaxTotal", 1000);
    private int ReservedForKeys => configuration.GetValue("Streams:ReservedForKeys", 100);

    /// <summary>A slot, released when disposed; null when the client or the server is at its limit.</summary>
    public IDisposable? TryTake(HttpContext http)
    {
        var keyName = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        var client = keyName is not null ? $"key:{keyName}" : $"ip:{AddressBlock(http.Connection.RemoteIpAddress)}";
        var limit = keyName is not null ? MaxTotal : MaxTotal - ReservedForKeys;
        lock (_gate)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held >= MaxPerClient || _total >= limit)
            {
                return null;
            }
            _perClient[client] = held + 1;
            _total++;
        }
        return new Slot(this, client);
    }

    private void Release(string client)
    {
        lock (_gate)
        {
            _total--;
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }

    /// <summary>An IPv4 address as it is, an IPv6 one by its /64 prefix.</summary>
    public static string AddressBlock(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class Slot(StreamSlots slots, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(client);
            }
        }
    }
}
