using System.Net;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class SignalingRelayTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_dropped_socket_resumes_with_every_missed_message_once_in_order_and_others_see_no_leave()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");

        for (var i = 0; i < 20; i++)
        {
            await b.SignalAsync(a.Id, Candidate(i));
        }
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, N(await a.NextAsync("signal")));
        }
        var lastSeq = a.LastSeq;
        await a.DisposeAsync(); // dropped: no close frame, no leave
        for (var i = 20; i < 40; i++)
        {
            await b.SignalAsync(a.Id, Candidate(i));
        }

        await using var resumed = await ann.ConnectAsync(code);
        await resumed.SendAsync(Messages.Resume("Ann", a.Id, a.Token, lastSeq));
        var welcome = await resumed.NextAsync("welcome");
        Assert.Equal(a.Id, welcome.GetProperty("you").GetProperty("id").GetString());
        Assert.Equal(lastSeq, welcome.GetProperty("seq").GetInt64());
        Assert.Empty(welcome.GetProperty("chat").EnumerateArray());
        for (var i = 10; i < 40; i++)
        {
            var signal = await resumed.NextAsync("signal");
            Assert.Equal(i, N(signal));
            Assert.Equal(++lastSeq, signal.GetProperty("seq").GetInt64());
        }

        // Bob saw neither a leave nor a join: his next message is Ann's answer.
        await resumed.SignalAsync(b.Id, Candidate(99));
        Assert.Equal(99, N(await b.NextAsync("signal")));
        await resumed.LeaveAsync();
        Assert.Equal(a.Id, (await b.NextAsync("left")).GetProperty("id").GetString());
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_socket_can_resume_on_long_polling_and_a_poll_session_on_a_socket()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        var lastSeq = a.LastSeq;
        await a.DisposeAsync();
        await b.SendAsync(Messages.Chat("while you were away"));
        await b.NextAsync("chat");

        var lp = await LpPeer.OpenAsync(ann, code, Messages.Resume("Ann", a.Id, a.Token, lastSeq));
        Assert.Equal(a.Id, lp.Id);
        Assert.Equal("while you were away", (await lp.NextAsync("chat")).GetProperty("text").GetString());

        await using var back = await ann.ConnectAsync(code);
        await back.SendAsync(Messages.Resume("Ann", a.Id, a.Token, lp.Ack));
        Assert.Equal(a.Id, (await back.NextAsync("welcome")).GetProperty("you").GetProperty("id").GetString());
        var (status, _) = await lp.PollOnceAsync();
        Assert.Equal(HttpStatusCode.NoContent, status); // taken over by the socket

        await back.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task After_the_grace_period_a_dropped_participant_leaves_and_its_resume_fails()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        await a.DisposeAsync();

        Assert.Equal(a.Id, (await b.NextAsync("left")).GetProperty("id").GetString());
        await using var late = await ann.ConnectAsync(code);
        await late.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a.LastSeq));
        var error = await late.NextAsync("error");
        Assert.Equal("resume-failed", error.GetProperty("code").GetString());
        Assert.Equal(0, error.GetProperty("seq").GetInt64());

        await late.JoinAsync("Ann afresh");
        Assert.NotEqual(a.Id, late.Id);
        await late.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_resume_with_a_wrong_token_or_from_another_account_fails()
    {
        using var ann = await site.UserAsync("Ann");
        using var eve = await site.UserAsync("Eve");
        var code = await ann.NewOpenMeetingAsync();
        var a = await ann.JoinWsAsync(code, "Ann");
        await a.DisposeAsync();

        await using var guess = await ann.ConnectAsync(code);
        await guess.SendAsync(Messages.Resume("Ann", a.Id, "wrong-token-wrong-token", 0));
        Assert.Equal("resume-failed", (await guess.NextAsync("error")).GetProperty("code").GetString());
        await using var thief = await eve.ConnectAsync(code);
        await thief.SendAsync(Messages.Resume("Ann", a.Id, a.Token, 0));
        Assert.Equal("resume-failed", (await thief.NextAsync("error")).GetProperty("code").GetString());
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task The_server_stamps_the_sender_so_a_spoofed_from_is_ignored()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        await using var c = await ann.JoinWsAsync(code, "Cat");

        await a.SendAsync("{\"type\":\"signal\",\"from\":\"" + c.Id + "\",\"to\":\"" + b.Id + "\",\"data\":{}}");
        Assert.Equal(a.Id, (await b.WaitForAsync("signal")).GetProperty("from").GetString());
        await a.LeaveAsync();
        await b.LeaveAsync();
        await c.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_signal_to_a_participant_of_another_meeting_is_refused()
    {
        using var ann = await site.UserAsync("Ann");
        var first = await ann.NewOpenMeetingAsync();
        var second = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(first, "Ann");
        await using var outsider = await ann.JoinWsAsync(second, "Out");

        await a.SignalAsync(outsider.Id, "{}");
        var error = await a.NextAsync("error");
        Assert.Equal("unknown-participant", error.GetProperty("code").GetString());
        Assert.Equal("signal", error.GetProperty("ref").GetString());
        await a.SendAsync(Messages.Chat("still here"));
        Assert.Equal("still here", (await a.NextAsync("chat")).GetProperty("text").GetString());

        await a.LeaveAsync();
        await outsider.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static string Candidate(int n) => "{\"candidate\":{\"n\":" + n + "}}";

    private static int N(JsonElement signal) => signal.GetProperty("data").GetProperty("candidate").GetProperty("n").GetInt32();
}
