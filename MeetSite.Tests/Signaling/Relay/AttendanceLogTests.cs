using Dapper;
using MeetSite.Data;
using MeetSite.Meetings;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetSite.Tests.Signaling;

public sealed class AttendanceLogTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    private sealed record Row(string ParticipantId, string DisplayName, long JoinedAt, long? LeftAt);

    [Fact]
    public async Task Joins_and_leaves_are_recorded_with_their_times()
    {
        using var ann = await site.UserAsync("Ann");
        using var lee = await site.UserAsync("Lee");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code);
        var lp = await lee.JoinLongPollAsync(code);
        await lp.LeaveAsync();
        await a.LeaveAsync();
        await site.NoLeaksAsync();

        var connections = site.Site.Services.GetRequiredService<DbConnections>();
        List<Row> rows = [];
        await SignalingSite.EventuallyAsync(() =>
        {
            using var db = connections.OpenAsync().GetAwaiter().GetResult();
            rows = db.Query<Row>(
                "SELECT ParticipantId, DisplayName, JoinedAt, LeftAt FROM Attendance WHERE ParticipantId = @a OR ParticipantId = @lp",
                new { a = a.Id, lp = lp.Id }).AsList();
            return rows.Count == 2 && rows.All(r => r.LeftAt is not null);
        }, "both attendance rows have a leave time");
        Assert.Equal(["Ann", "Lee"], rows.Select(r => r.DisplayName).Order());
        Assert.All(rows, r => Assert.True(r.LeftAt >= r.JoinedAt));
    }

    [Fact]
    public async Task A_join_and_its_leave_in_one_batch_are_written_in_that_order()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var meeting = await site.Site.Services.GetRequiredService<MeetingStore>().FindByCodeAsync(MeetingCode.TryParse(code, out var parsed) ? parsed.Value : default);
        var room = new Room(meeting!);
        var quick = new Participant("user", "Quick", default, room, queueCapacity: 4);
        var stays = new Participant("user", "Stays", default, room, queueCapacity: 4);
        var connections = site.Site.Services.GetRequiredService<DbConnections>();
        var logged = new RecordingLogger();
        var log = new AttendanceLog(connections, logged);

        // Queued before the writer starts, so it takes all four in one batch.
        log.Joined(quick, 10);
        log.Joined(stays, 11);
        log.Left(quick, 20);
        log.Left(stays, 30);
        await log.StartAsync(CancellationToken.None);
        List<Row> rows = [];
        try
        {
            // One transaction: once the rows are there, so is everything the batch wrote.
            await SignalingSite.EventuallyAsync(() =>
            {
                using var db = connections.OpenAsync().GetAwaiter().GetResult();
                rows = db.Query<Row>(
                    "SELECT ParticipantId, DisplayName, JoinedAt, LeftAt FROM Attendance WHERE MeetingId = @Id ORDER BY JoinedAt",
                    new { meeting!.Id }).AsList();
                return rows.Count == 2;
            }, "the batch is written");
        }
        finally
        {
            await log.StopAsync(CancellationToken.None);
        }
        Assert.Empty(logged.Lines); // no failed or dropped writes
        Assert.Equal([new Row(quick.Id, "Quick", 10, 20), new Row(stays.Id, "Stays", 11, 30)], rows);
    }

    private sealed class RecordingLogger : ILogger<AttendanceLog>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
