using System.Collections.Concurrent;

namespace MeetSite.Signaling;

/// <summary>Every open socket and poll session, joined or not: what a log out closes, and what a leak test counts.</summary>
public sealed class OpenTransports
{
    private readonly ConcurrentDictionary<ITransport, byte> _open = new();

    public int Count => _open.Count;

    internal void Add(ITransport transport) => _open.TryAdd(transport, 0);

    internal void Remove(ITransport transport) => _open.TryRemove(transport, out _);

    internal void CloseAllOf(string userId, CloseReason reason) => CloseWhere(t => t.UserId == userId, reason);

    /// <summary>On shutdown: sockets would otherwise hold the host open until its shutdown timeout.</summary>
    internal void CloseAll(CloseReason reason) => CloseWhere(_ => true, reason);

    private void CloseWhere(Func<ITransport, bool> which, CloseReason reason)
    {
        foreach (var transport in _open.Keys)
        {
            if (which(transport))
            {
                transport.Close(reason);
            }
        }
    }
}
