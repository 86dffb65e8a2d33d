using System.Net;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class LongPollTransportTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task Two_long_poll_participants_relay_signals_and_chat()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        var a = await lee.JoinLongPollAsync(code, "Lee");
        Assert.Equal(1, a.Welcome.GetProperty("seq").GetInt64());
        var b = await lee.JoinLongPollAsync(code, "Lou");
        Assert.Equal(a.Id, Assert.Single(b.Welcome.GetProperty("participants").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(b.Id, (await a.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());

        await a.SendAcceptedAsync(Messages.Signal(b.Id, """{"candidate":{"candidate":"c1"}}"""));
        await a.SendAcceptedAsync(Messages.Chat("over polls"));
        var signal = await b.NextAsync("signal");
        Assert.Equal(a.Id, signal.GetProperty("from").GetString());
        Assert.Equal("c1", signal.GetProperty("data").GetProperty("candidate").GetProperty("candidate").GetString());
        Assert.Equal("over polls", (await b.NextAsync("chat")).GetProperty("text").GetString());
        Assert.Equal("over polls", (await a.NextAsync("chat")).GetProperty("text").GetString());

        await b.LeaveAsync();
        Assert.Equal(b.Id, (await a.NextAsync("left")).GetProperty("id").GetString());
        await a.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_WebSocket_participant_and_a_long_poll_participant_share_one_meeting()
    {
        using var ann = await site.UserAsync("Ann");
        using var lee = await site.UserAsync("Lee");
        var code = await ann.NewOpenMeetingAsync();
        await using var ws = await ann.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        Assert.Equal(lp.Id, (await ws.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());

        await ws.SignalAsync(lp.Id, """{"description":{"type":"offer","sdp":"x"}}""");
        Assert.Equal(ws.Id, (await lp.NextAsync("signal")).GetProperty("from").GetString());
        await lp.SendAcceptedAsync(Messages.Signal(ws.Id, """{"description":{"type":"answer","sdp":"y"}}"""));
        var answer = await ws.NextAsync("signal");
        Assert.Equal(lp.Id, answer.GetProperty("from").GetString());
        Assert.Equal("answer", answer.GetProperty("data").GetProperty("description").GetProperty("type").GetString());

        await lp.LeaveAsync();
        Assert.Equal(lp.Id, (await ws.NextAsync("left")).GetProperty("id").GetString());
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_poll_response_lost_on_the_way_is_delivered_again_by_the_next_poll()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        var a = await lee.JoinLongPollAsync(code, "Lee");
        var b = await lee.JoinLongPollAsync(code, "Lou");
        await a.NextAsync("joined");

        await b.SendAcceptedAsync(Messages.Chat("one"));
        await b.SendAcceptedAsync(Messages.Chat("two"));
        var ackBefore = a.Ack;
        var (_, lost) = await a.PollOnceAsync();
        Assert.NotEmpty(lost);
        a.Ack = ackBefore; // the response never reached the client: it acknowledges only what it had

        var again = new List<string>();
        while (again.Count < 2)
        {
            var chat = await a.NextAsync("chat");
            again.Add(chat.GetProperty("text").GetString()!);
        }
        Assert.Equal(["one", "two"], again);
        Assert.Equal(lost[0].GetProperty("seq").GetInt64(), a.Ack - 1);

        await a.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task An_idle_poll_answers_an_empty_200_after_the_hold_and_204_once_the_session_is_closed()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        var a = await lee.JoinLongPollAsync(code, "Lee");

        var (status, messages) = await a.PollOnceAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(messages);

        await a.LeaveAsync();
        var (afterLeave, _) = await a.PollOnceAsync();
        Assert.Equal(HttpStatusCode.NoContent, afterLeave);
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_newer_poll_supersedes_a_waiting_one_which_answers_204()
    {
        // A hold far longer than the test, so the first poll can only end by being superseded.
        using var slowSite = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:LongPollHold"] = "00:01:00" });
        using var lee = await slowSite.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        var a = await lee.JoinLongPollAsync(code, "Lee");

        var first = a.PollOnceAsync();
        var second = a.PollOnceAsync();
        var superseded = await Task.WhenAny(first, second);
        Assert.Equal(HttpStatusCode.NoContent, (await superseded).Status);

        await a.SendAcceptedAsync(Messages.Chat("wake the newer poll"));
        var newer = await (superseded == first ? second : first);
        Assert.Equal(HttpStatusCode.OK, newer.Status);
        Assert.Equal("chat", Assert.Single(newer.Messages).GetProperty("type").GetString());

        await a.LeaveAsync();
        await slowSite.NoLeaksAsync();
    }

    [Fact]
    public async Task A_session_that_stops_polling_expires_and_its_participant_leaves()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var ws = await ann.JoinWsAsync(code, "Ann");
        var lp = await ann.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        Assert.Equal(lp.Id, (await ws.NextAsync("left")).GetProperty("id").GetString());
        var (status, _) = await lp.PollOnceAsync();
        Assert.Equal(HttpStatusCode.NoContent, status);
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
