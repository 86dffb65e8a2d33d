using System.Collections.Concurrent;

namespace MeetSite.Signaling;

/// <summary>
/// Every open socket and poll session, joined or not: what a log out closes, what a leak test counts, and
/// what holds each connection's seat among its account's (see <see cref="JoinLimit"/>) until it ends.
/// </summary>
public sealed class OpenTransports(ILogger<OpenTransports> logger)
{
    private readonly ConcurrentDictionary<ITransport, IDisposable> _open = new();

    public int Count => _open.Count;

    /// <param name="seat">Released when the transport is removed.</param>
    internal void Add(ITransport transport, IDisposable seat)
    {
        if (!_open.TryAdd(transport, seat))
        {
            seat.Dispose();
        }
    }

    internal void Remove(ITransport transport)
    {
        if (_open.TryRemove(transport, out var seat))
        {
            seat.Dispose();
        }
    }

    internal void CloseAllOf(string userId, CloseReason reason) => CloseWhere(t => t.UserId == userId, reason);

    /// <summary>Closes every connection to one meeting (its room moved to another node). Returns how many.</summary>
    internal int CloseMeeting(string code, CloseReason reason) => CloseWhere(t => t.MeetingCode == code, reason);

    /// <summary>On shutdown: sockets would otherwise hold the host open until its shutdown timeout. Returns how many.</summary>
    internal int CloseAll(CloseReason reason) => CloseWhere(_ => true, reason);

    private int CloseWhere(Func<ITransport, bool> which, CloseReason reason)
    {
        var closed = 0;
        foreach (var transport in _open.Keys)
        {
            if (which(transport))
            {
                // A log out or the drain, outside the transport's own work: its lines carry the meeting all the same.
                using var scope = MeetingLogScope.Begin(logger, transport.MeetingCode);
                transport.Close(reason);
                closed++;
            }
        }
        return closed;
    }
}
