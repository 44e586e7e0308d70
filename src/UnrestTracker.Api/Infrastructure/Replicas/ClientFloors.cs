using System.Collections.Concurrent;

namespace UnrestTracker.Api.Infrastructure.Replicas;

/// <summary>
/// Per client (key name, or address when anonymous), the newest write it must see on its next read "now": its own
/// last write (read-your-writes) or the newest write its last answer was pinned to (reads never go backwards in time).
/// Kept in this instance's memory for <c>Replicas:SessionSeconds</c> (60) after the client's last request; behind a
/// load balancer, give each client one instance (sticky sessions) for these promises to hold across requests.
/// </summary>
public sealed class ClientFloors(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (long Seq, DateTimeOffset Until)> _floors = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Replicas:SessionSeconds", 60.0)));

    /// <summary>The change seq the client's next read "now" must include; 0 when there is none to keep.</summary>
    public long Of(string client) =>
        _floors.TryGetValue(client, out var floor) && floor.Until > DateTimeOffset.UtcNow ? floor.Seq : 0;

    public void Raise(string client, long seq)
    {
        var until = DateTimeOffset.UtcNow + _lifetime;
        _floors.AddOrUpdate(client, (seq, until), (_, old) => (Math.Max(seq, old.Until > DateTimeOffset.UtcNow ? old.Seq : 0), until));
    }

    public void Sweep()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (client, floor) in _floors)
        {
            if (floor.Until <= now)
            {
                _floors.TryRemove(KeyValuePair.Create(client, floor));
            }
        }
    }
}
