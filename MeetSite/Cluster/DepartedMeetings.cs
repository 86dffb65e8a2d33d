using System.Collections.Concurrent;

namespace MeetSite.Cluster;

/// <summary>
/// Meetings this node is no longer the home of although their rooms linger here (their participants, told
/// to move, wait out their grace period): another node took the lease, or this node is stopping. Such a
/// room's lease is never renewed again, and the grace running out there is no leave for good: its
/// participants are being restored at the new home.
/// </summary>
internal sealed class DepartedMeetings(IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<string, byte> _codes = new(StringComparer.Ordinal);

    public void Add(string code) => _codes.TryAdd(code, 0);

    /// <summary>Its room here is gone: a later room of the same meeting may be at home here again.</summary>
    public void Forget(string code) => _codes.TryRemove(code, out _);

    /// <summary>Whether this node has left <paramref name="code"/>'s room to another (every room, once it is stopping).</summary>
    public bool Contains(string code) => lifetime.ApplicationStopping.IsCancellationRequested || _codes.ContainsKey(code);
}
