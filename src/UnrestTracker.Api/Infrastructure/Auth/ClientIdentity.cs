using System.Net;
using System.Net.Sockets;

namespace UnrestTracker.Api.Infrastructure.Auth;

/// <summary>
/// Who a budget, an export slot or a read-your-writes floor belongs to: a key by its name, an anonymous caller by
/// its network. One host holds a whole IPv6 /64 (and every 127.x alias), so counting exact addresses would hand one
/// machine as many budgets as it cares to bind addresses.
/// </summary>
public static class ClientIdentity
{
    private const string KeyPrefix = "key:";

    /// <summary>Who is asking: the key's name, or the network of an anonymous caller.</summary>
    public static string Of(HttpContext http) => http.User.Identity is { IsAuthenticated: true, Name: var name }
        ? OfKey(name ?? "")
        : OfAddress(http.Connection.RemoteIpAddress);

    public static string OfKey(string keyName) => KeyPrefix + keyName;

    public static bool HasKey(string client) => client.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>An IPv4 address as itself (IPv4-mapped IPv6 included), IPv6 by its /64, loopback (127/8, ::1) as one.</summary>
    public static string OfAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }
        address = Unmapped(address);
        if (IPAddress.IsLoopback(address))
        {
            return "ip:loopback";
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"ip:{address}";
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"ip:{new IPAddress(bytes)}/64";
    }

    /// <summary>127/8 or ::1, an IPv4-mapped IPv6 address included; false when the address is unknown.</summary>
    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(Unmapped(address));

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
