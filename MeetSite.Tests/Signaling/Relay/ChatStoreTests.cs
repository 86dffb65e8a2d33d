using MeetSite.Meetings;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

public sealed class ChatStoreTests
{
    [Fact]
    public async Task A_late_joiner_gets_the_last_100_messages_oldest_first_and_so_does_anyone_after_a_restart()
    {
        string code;
        var first = SignalingSite.With(null);
        try
        {
            using var ann = await first.UserAsync("Ann");
            code = await ann.NewOpenMeetingAsync();
            var meeting = await first.Site.Services.GetRequiredService<MeetingStore>().FindByCodeAsync(MeetingCode.TryParse(code, out var parsed) ? parsed.Value : default);
            var store = first.Site.Services.GetRequiredService<ChatStore>();
            // An earlier call of this meeting, recent enough to be within the retention.
            var earlier = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
            for (var i = 0; i < 103; i++)
            {
                await store.AddAsync(meeting!.Id, "someone", "Old", $"old {i}", earlier + i);
            }
            // The room reads the store once, with its first joiner, and keeps what is said after that.
            await using var a = await ann.JoinWsAsync(code, "Ann");
            await a.SendAsync(Messages.Chat("live line"));
            await a.NextAsync("chat");

            await using var late = await ann.JoinWsAsync(code, "Late");
            AssertHistory(late.Welcome);
            await a.LeaveAsync();
            await late.LeaveAsync();
            await first.NoLeaksAsync();

            // A second host on the same database: nothing in memory, the history from the database.
            using var restarted = SignalingSite.With(null, first.Site.Database);
            using var bob = await restarted.UserAsync("Bob");
            await using var b = await bob.JoinWsAsync(code, "Bob");
            AssertHistory(b.Welcome);
            await b.LeaveAsync();
        }
        finally
        {
            first.Dispose();
        }
    }

    private static void AssertHistory(System.Text.Json.JsonElement welcome)
    {
        var chat = welcome.GetProperty("chat").EnumerateArray().ToList();
        Assert.Equal(100, chat.Count);
        Assert.Equal("old 4", chat[0].GetProperty("text").GetString());
        Assert.Equal("live line", chat[^1].GetProperty("text").GetString());
        Assert.Equal("Ann", chat[^1].GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, chat[^1].GetProperty("from").ValueKind);
        Assert.True(chat.Zip(chat.Skip(1)).All(pair => pair.First.GetProperty("id").GetInt64() < pair.Second.GetProperty("id").GetInt64()));
    }
}
