using System.Net;
using System.Net.Sockets;

namespace UnrestTracker.Api.Features.Webhooks;

/// <summary>
/// Where a webhook may be sent: only global unicast addresses (RFC 6890 special-purpose registries), so that a webhook
/// cannot be aimed at the server's own network (loopback, private, link-local such as cloud metadata at 169.254.169.254).
/// IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by the address they carry.
/// </summary>
public static class AddressRules
{
    private static readonly (IPAddress Network, int Bits)[] ForbiddenV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("192.0.2.0"), 24), (IPAddress.Parse("192.88.99.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16), (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24), (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Bits)[] ForbiddenV6 =
    [
        (IPAddress.Parse("::"), 96), (IPAddress.Parse("100::"), 64), (IPAddress.Parse("2001::"), 23), (IPAddress.Parse("2001:db8::"), 32),
        (IPAddress.Parse("fc00::"), 7), (IPAddress.Parse("fe80::"), 10), (IPAddress.Parse("fec0::"), 10), (IPAddress.Parse("ff00::"), 8),
    ];

    public static bool IsGlobalUnicast(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !ForbiddenV4.Any(f => InNetwork(address, f.Network, f.Bits));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return IsGlobalUnicast(address.MapToIPv4());
        }
        if (InNetwork(address, IPAddress.Parse("64:ff9b::"), 96) || InNetwork(address, IPAddress.Parse("64:ff9b:1::"), 48))
        {
            return IsGlobalUnicast(new IPAddress(bytes[12..16])); // NAT64
        }
        if (InNetwork(address, IPAddress.Parse("2002::"), 16))
        {
            return IsGlobalUnicast(new IPAddress(bytes[2..6])); // 6to4
        }
        return address.Equals(IPAddress.IPv6Loopback) is false && !ForbiddenV6.Any(f => InNetwork(address, f.Network, f.Bits));
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int bits)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < bits / 8; i++)
        {
            if (a[i] != n[i])
            {
                return false;
            }
        }
        var rest = bits % 8;
        return rest == 0 || (a[bits / 8] & (0xFF << (8 - rest)) & 0xFF) == (n[bits / 8] & (0xFF << (8 - rest)) & 0xFF);
    }

    /// <summary>
    /// The addresses a webhook URL's host resolves to, every one allowed; or why not. The sender connects only to these.
    /// </summary>
    public static async Task<(IPAddress[]? Addresses, string? Refusal)> ResolveAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or ArgumentException || e is OperationCanceledException && !ct.IsCancellationRequested)
            {
                return (null, $"The host '{host}' could not be resolved.");
            }
        }
        if (addresses.Length == 0)
        {
            return (null, $"The host '{host}' has no address.");
        }
        if (!allowPrivate && addresses.FirstOrDefault(a => !IsGlobalUnicast(a)) is { } forbidden)
        {
            return (null, $"The host '{host}' resolves to {forbidden}, which is not a global unicast address (Webhooks:AllowPrivateNetworks is off).");
        }
        return (addresses, null);
    }
}
