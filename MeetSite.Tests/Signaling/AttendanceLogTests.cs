using Dapper;
using MeetSite.Data;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

public sealed class AttendanceLogTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    private sealed record Row(string ParticipantId, string DisplayName, long JoinedAt, long? LeftAt);

    [Fact]
    public async Task Joins_and_leaves_are_recorded_with_their_times()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        var lp = await ann.JoinLongPollAsync(code, "Lee");
        await lp.LeaveAsync();
        await a.LeaveAsync();
        await site.NoLeaksAsync();

        var connections = site.Site.Services.GetRequiredService<SqliteConnections>();
        List<Row> rows = [];
        await SignalingSite.EventuallyAsync(() =>
        {
            using var db = connections.OpenAsync().GetAwaiter().GetResult();
            rows = db.Query<Row>(
                "SELECT ParticipantId, DisplayName, JoinedAt, LeftAt FROM Attendance WHERE ParticipantId IN @ids",
                new { ids = new[] { a.Id, lp.Id } }).AsList();
            return rows.Count == 2 && rows.All(r => r.LeftAt is not null);
        }, "both attendance rows have a leave time");
        Assert.Equal(["Ann", "Lee"], rows.Select(r => r.DisplayName).Order());
        Assert.All(rows, r => Assert.True(r.LeftAt >= r.JoinedAt));
    }
}
