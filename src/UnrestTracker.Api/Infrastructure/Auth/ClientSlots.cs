namespace UnrestTracker.Api.Infrastructure.Auth;

/// <summary>
/// Long-lived things a client may hold a few of at once (exports, change streams): at most <c>maxTotal</c> in all,
/// <c>maxPerClient</c> per client (<see cref="ClientIdentity"/>), and at most <c>maxAnonymous</c> held by clients
/// without a key together, so that the rest stays open to key holders.
/// </summary>
public sealed class ClientSlots(int maxTotal, int maxPerClient, int maxAnonymous)
{
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private int _total;
    private int _anonymous;

    /// <summary>A slot, given back when disposed; null when the client, the anonymous share or the whole is at its limit.</summary>
    public IDisposable? TryTake(string client)
    {
        var anonymous = !ClientIdentity.HasKey(client);
        lock (_held)
        {
            var mine = _held.GetValueOrDefault(client);
            if (_total >= maxTotal || mine >= maxPerClient || (anonymous && _anonymous >= maxAnonymous))
            {
                return null;
            }
            _held[client] = mine + 1;
            _total++;
            _anonymous += anonymous ? 1 : 0;
            return new Slot(this, client, anonymous);
        }
    }

    private void GiveBack(string client, bool anonymous)
    {
        lock (_held)
        {
            _total--;
            _anonymous -= anonymous ? 1 : 0;
            if (--_held[client] == 0)
            {
                _held.Remove(client);
            }
        }
    }

    private sealed class Slot(ClientSlots slots, string client, bool anonymous) : IDisposable
    {
        private int _given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0)
            {
                slots.GiveBack(client, anonymous);
            }
        }
    }
}
