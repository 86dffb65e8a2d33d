using Dapper;
using MeetSite.Data;

namespace MeetSite.Signaling;

public sealed record StoredChat(long Id, string SenderName, string Text, long SentAt);

/// <summary>A meeting's chat in the database, so a late joiner and a restarted server see the same history.</summary>
public sealed class ChatStore(DbConnections connections)
{
    public async Task<long> AddAsync(long meetingId, string senderUserId, string senderName, string text, long sentAt, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        return await db.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO ChatMessages (MeetingId, SenderUserId, SenderName, Text, SentAt)
            VALUES (@meetingId, @senderUserId, @senderName, @text, @sentAt)
            RETURNING Id
            """,
            new { meetingId, senderUserId, senderName, text, sentAt }, cancellationToken: cancel));
    }

    /// <summary>The last <paramref name="count"/> messages, oldest first.</summary>
    public async Task<IReadOnlyList<StoredChat>> RecentAsync(long meetingId, int count, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        var rows = await db.QueryAsync<StoredChat>(new CommandDefinition(
            """
            SELECT Id, SenderName, Text, SentAt FROM (
                SELECT Id, SenderName, Text, SentAt FROM ChatMessages
                WHERE MeetingId = @meetingId ORDER BY Id DESC LIMIT @count) AS newest
            ORDER BY Id
            """,
            new { meetingId, count }, cancellationToken: cancel));
        return rows.AsList();
    }

    /// <summary>
    /// Deletes messages sent before <paramref name="sentBefore"/> (Unix ms), and in each meeting all but
    /// the newest <paramref name="keepPerMeeting"/>; returns how many went.
    /// </summary>
    public async Task<int> DeleteOldAsync(long sentBefore, int keepPerMeeting, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        return await db.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM ChatMessages WHERE SentAt < @sentBefore;
            DELETE FROM ChatMessages WHERE Id IN (
                SELECT Id FROM (
                    SELECT Id, ROW_NUMBER() OVER (PARTITION BY MeetingId ORDER BY Id DESC) AS Newer FROM ChatMessages) AS ranked
                WHERE Newer > @keepPerMeeting);
            """,
            new { sentBefore, keepPerMeeting }, cancellationToken: cancel));
    }
}
