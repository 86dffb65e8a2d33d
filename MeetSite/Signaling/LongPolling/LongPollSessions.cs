using System.Collections.Concurrent;

namespace MeetSite.Signaling;

/// <summary>Open long-poll sessions by id. An id is a secret, and only works for its own account and meeting.</summary>
public sealed class LongPollSessions
{
    private readonly ConcurrentDictionary<string, LongPollTransport> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    internal void Add(LongPollTransport session) => _sessions[session.Id] = session;

    internal void Remove(LongPollTransport session) => _sessions.TryRemove(new KeyValuePair<string, LongPollTransport>(session.Id, session));

    internal LongPollTransport? Find(string? id, string userId, string code) =>
        id is not null && _sessions.TryGetValue(id, out var session) && session.UserId == userId && session.Inbound.Meeting.Code == code
            ? session
            : null;
}
