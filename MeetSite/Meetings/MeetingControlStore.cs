using Dapper;
using MeetSite.Data;

namespace MeetSite.Meetings;

/// <summary>A meeting's settings, its end, and who is co-host or removed: written as hosts change them.</summary>
public sealed class MeetingControlStore(DbConnections connections)
{
    public const string CoHost = "cohost";
    public const string Removed = "removed";

    public async Task SetSettingsAsync(long meetingId, bool locked, bool waitingRoom)
    {
        await using var db = await connections.OpenAsync();
        await db.ExecuteAsync("UPDATE Meetings SET Locked = @locked, WaitingRoom = @waitingRoom WHERE Id = @meetingId",
            new { meetingId, locked, waitingRoom });
    }

    /// <summary>Marks the meeting ended at <paramref name="at"/> (Unix ms), unless it already was.</summary>
    public async Task EndAsync(long meetingId, long at)
    {
        await using var db = await connections.OpenAsync();
        await db.ExecuteAsync("UPDATE Meetings SET EndedAt = @at WHERE Id = @meetingId AND EndedAt IS NULL", new { meetingId, at });
    }

    /// <summary><see cref="CoHost"/>, <see cref="Removed"/>, or null for an ordinary guest (and for the host).</summary>
    public async Task<string?> RoleOfAsync(long meetingId, string userId)
    {
        await using var db = await connections.OpenAsync();
        return await db.QuerySingleOrDefaultAsync<string>(
            "SELECT Role FROM MeetingRoles WHERE MeetingId = @meetingId AND UserId = @userId", new { meetingId, userId });
    }

    /// <summary>Sets the account's role in the meeting; null makes it an ordinary guest again.</summary>
    public async Task SetRoleAsync(long meetingId, string userId, string? role)
    {
        await using var db = await connections.OpenAsync();
        if (role is null)
        {
            await db.ExecuteAsync("DELETE FROM MeetingRoles WHERE MeetingId = @meetingId AND UserId = @userId", new { meetingId, userId });
            return;
        }
        await db.ExecuteAsync(
            """
            INSERT INTO MeetingRoles (MeetingId, UserId, Role) VALUES (@meetingId, @userId, @role)
            ON CONFLICT (MeetingId, UserId) DO UPDATE SET Role = excluded.Role
            """,
            new { meetingId, userId, role });
    }
}
