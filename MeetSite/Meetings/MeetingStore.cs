using System.Data.Common;
using Dapper;
using MeetSite.Data;

namespace MeetSite.Meetings;

/// <summary>A meeting as stored; <see cref="Locked"/> and <see cref="WaitingRoom"/> as they were when it was read.</summary>
public sealed record Meeting(long Id, string Code, string HostUserId, string HostName, long CreatedAt,
    bool Locked = false, bool WaitingRoom = true, long? EndedAt = null)
{
    public bool HasEnded => EndedAt is not null;
}

// A class with setters, not a positional record: the computed IsHost is an integer on SQLite and a
// boolean on Postgres, and Dapper converts values per property but matches constructors by exact type.
public sealed class MeetingHistoryEntry
{
    public required string Code { get; init; }
    public required string HostName { get; init; }
    public bool IsHost { get; init; }
    public long LastVisitedAt { get; init; }
    public long? EndedAt { get; init; }

    public DateTimeOffset LastVisited => DateTimeOffset.FromUnixTimeMilliseconds(LastVisitedAt);

    public DateTimeOffset? Ended => EndedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
}

/// <summary>Meetings and visits: Dapper on the paths every page view takes.</summary>
public sealed class MeetingStore(DbConnections connections, TimeProvider clock)
{
    /// <summary>
    /// Creates a meeting hosted by the user, records it in their history, and returns its code. With
    /// <paramref name="waitingRoom"/> (the default) everyone but hosts and co-hosts asks to join.
    /// </summary>
    public async Task<MeetingCode> CreateAsync(string hostUserId, bool waitingRoom = true, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var code = MeetingCode.NewCode();
            try
            {
                var id = await db.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO Meetings (Code, HostUserId, CreatedAt, Locked, WaitingRoom) VALUES (@code, @hostUserId, @now, @locked, @waitingRoom)
                    RETURNING Id
                    """,
                    new { code = code.Value, hostUserId, now, locked = false, waitingRoom }, cancellationToken: cancel));
                await RecordVisitAsync(db, hostUserId, id, now, cancel);
                return code;
            }
            catch (DbException e) when (connections.IsUniqueViolation(e))
            {
                // Two codes collided (odds about 1 in 1e14 per pair): draw again.
            }
        }
    }

    public async Task<Meeting?> FindByCodeAsync(MeetingCode code, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        return await FindAsync(db, code.Value, cancel);
    }

    public async Task RecordVisitAsync(string userId, long meetingId, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        await RecordVisitAsync(db, userId, meetingId, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancel);
    }

    public async Task<IReadOnlyList<MeetingHistoryEntry>> HistoryAsync(string userId, int limit = 20, CancellationToken cancel = default)
    {
        await using var db = await connections.OpenAsync(cancel);
        var rows = await db.QueryAsync<MeetingHistoryEntry>(new CommandDefinition(
            """
            SELECT m.Code, u.DisplayName AS HostName, m.HostUserId = v.UserId AS IsHost, v.LastVisitedAt, m.EndedAt
            FROM MeetingVisits v
            JOIN Meetings m ON m.Id = v.MeetingId
            JOIN AspNetUsers u ON u.Id = m.HostUserId
            WHERE v.UserId = @userId
            ORDER BY v.LastVisitedAt DESC, m.Id DESC
            LIMIT @limit
            """,
            new { userId, limit }, cancellationToken: cancel));
        return rows.AsList();
    }

    private static async Task<Meeting?> FindAsync(DbConnection db, string code, CancellationToken cancel) =>
        (await db.QuerySingleOrDefaultAsync<MeetingFields>(new CommandDefinition(
            """
            SELECT m.Id, m.Code, m.HostUserId, u.DisplayName AS HostName, m.CreatedAt, m.Locked, m.WaitingRoom, m.EndedAt
            FROM Meetings m JOIN AspNetUsers u ON u.Id = m.HostUserId
            WHERE m.Code = @code
            """,
            new { code }, cancellationToken: cancel)))?.ToMeeting();

    // Settable properties, not the record's constructor: SQLite hands booleans back as integers (Postgres as
    // booleans), and Dapper converts per property but matches constructor parameters by exact type.
    private sealed class MeetingFields
    {
        public long Id { get; init; }
        public required string Code { get; init; }
        public required string HostUserId { get; init; }
        public required string HostName { get; init; }
        public long CreatedAt { get; init; }
        public bool Locked { get; init; }
        public bool WaitingRoom { get; init; }
        public long? EndedAt { get; init; }

        public Meeting ToMeeting() => new(Id, Code, HostUserId, HostName, CreatedAt, Locked, WaitingRoom, EndedAt);
    }

    private static async Task RecordVisitAsync(DbConnection db, string userId, long meetingId, long now, CancellationToken cancel) =>
        await db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO MeetingVisits (UserId, MeetingId, LastVisitedAt) VALUES (@userId, @meetingId, @now)
            ON CONFLICT (UserId, MeetingId) DO UPDATE SET LastVisitedAt = excluded.LastVisitedAt
            """,
            new { userId, meetingId, now }, cancellationToken: cancel));
}
