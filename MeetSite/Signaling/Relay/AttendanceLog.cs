using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using MeetSite.Data;

namespace MeetSite.Signaling;

/// <summary>
/// Records who joined and left each meeting. Writes go through one background writer, in order, so a join
/// or leave never waits on the database and a leave is never written before its join.
/// </summary>
public sealed partial class AttendanceLog(DbConnections connections, ILogger<AttendanceLog> logger) : BackgroundService
{
    private readonly Channel<Entry> _entries = Channel.CreateBounded<Entry>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private sealed record Entry(long MeetingId, string UserId, string ParticipantId, string DisplayName, long At, bool Joined);

    internal void Joined(Participant p, long at) => Write(new Entry(p.Room.Meeting.Id, p.UserId, p.Id, p.Name, at, Joined: true));

    internal void Left(Participant p, long at) => Write(new Entry(p.Room.Meeting.Id, p.UserId, p.Id, p.Name, at, Joined: false));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Entry>();
        while (await _entries.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 256 && _entries.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                LogWriteFailed(logger, e, batch.Count);
            }
            batch.Clear();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Let the writer drain what is queued before the host stops.
        _entries.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private void Write(Entry entry)
    {
        if (!_entries.Writer.TryWrite(entry))
        {
            LogDropped(logger, entry.ParticipantId);
        }
    }

    /// <summary>
    /// One transaction per batch, joins before leaves (a leave in the batch updates the row its join
    /// inserts), each statement prepared once and run for every row: a join burst writes hundreds of rows.
    /// </summary>
    private async Task WriteAsync(List<Entry> batch)
    {
        await using var db = await connections.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await db.ExecuteAsync(
            """
            INSERT INTO Attendance (MeetingId, UserId, ParticipantId, DisplayName, JoinedAt)
            VALUES (@MeetingId, @UserId, @ParticipantId, @DisplayName, @At)
            """,
            batch.Where(e => e.Joined), transaction);
        await db.ExecuteAsync(
            "UPDATE Attendance SET LeftAt = @At WHERE MeetingId = @MeetingId AND ParticipantId = @ParticipantId",
            batch.Where(e => !e.Joined), transaction);
        await transaction.CommitAsync();
    }
}
