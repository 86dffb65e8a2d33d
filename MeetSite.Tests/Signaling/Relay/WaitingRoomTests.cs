using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

/// <summary>
/// The waiting room over a real Kestrel port: who waits, what the waiting receive (nothing of the
/// meeting), and every way an admit or a waiting person's message is refused.
/// </summary>
public sealed class WaitingRoomTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_guest_waits_receives_nothing_of_the_meeting_and_gets_the_chat_only_once_admitted()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Bob");
        var code = await host.NewMeetingAsync(); // the waiting room is on by default
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        await h.SendAsync(Messages.Chat("before Bob"));
        await h.NextAsync("chat");

        await using var g = await guest.ConnectAsync(code);
        var waiting = await g.AskToJoinAsync();
        Assert.True(waiting.GetProperty("hostPresent").GetBoolean());
        Assert.False(waiting.TryGetProperty("participants", out _));
        var list = await h.NextAsync("waiting-room");
        Assert.Equal([(g.Id, "Bob")], People(list));

        // Meanwhile the meeting goes on: a chat, and a signal aimed at the waiting id, which is nobody's.
        await h.SendAsync(Messages.Chat("while Bob waits"));
        await h.NextAsync("chat");
        await h.SignalAsync(g.Id, """{"candidate":"x"}""");
        await h.ErrorAsync("unknown-participant");

        await h.SendAsync(Messages.Control("admit", g.Id));
        Assert.Empty(People(await h.NextAsync("waiting-room")));
        Assert.Equal(g.Id, (await h.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());
        // Bob's next message after "waiting" is the welcome: nothing of the meeting reached him before it.
        var welcome = await g.AdmittedAsync();
        Assert.Equal(2, welcome.GetProperty("seq").GetInt64());
        Assert.Equal(2, welcome.GetProperty("protocol").GetInt32());
        Assert.Equal(["before Bob", "while Bob waits"], welcome.GetProperty("chat").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal("guest", welcome.GetProperty("you").GetProperty("role").GetString());
        Assert.Equal("host", welcome.GetProperty("participants")[0].GetProperty("role").GetString());
        await g.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_waiting_person_cannot_signal_chat_or_use_controls_on_either_transport()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Mal");
        var code = await host.NewMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        await using var g = await guest.ConnectAsync(code);
        await g.AskToJoinAsync();
        await h.NextAsync("waiting-room");

        foreach (var message in new[]
        {
            Messages.Signal(h.Id, """{"description":{"type":"offer","sdp":"v=0"}}"""),
            Messages.Chat("let me in"),
            """{"type":"media","mic":true,"cam":true,"screen":false}""",
            Messages.Hand(true),
            Messages.Control("admit", g.Id),
        })
        {
            await g.SendAsync(message);
            await g.ErrorAsync("not-admitted");
        }

        var lp = await LpPeer.OpenAsync(guest, code, Messages.Join2, first: "waiting");
        Assert.Equal(g.Id, People(await h.NextAsync("waiting-room"))[0].Id);
        using (var refused = await lp.SendAsync(Messages.Signal(h.Id, """{"candidate":"x"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("not-admitted", await refused.Content.ReadAsStringAsync());
        }
        var (status, polled) = await lp.PollOnceAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(polled); // the hold ran out: nothing from the meeting

        // The host received none of it: its next message is the one it causes itself.
        await h.SendAsync(Messages.Chat("quiet"));
        Assert.Equal("quiet", (await h.NextAsync("chat")).GetProperty("text").GetString());
        await lp.LeaveAsync();
        await g.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_denied_person_is_told_with_asks_left_and_a_replayed_or_stale_admit_lets_nobody_in()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Bob");
        var code = await host.NewMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();

        await using var first = await guest.ConnectAsync(code);
        await first.AskToJoinAsync();
        await h.NextAsync("waiting-room");
        await h.SendAsync(Messages.Control("deny", first.Id));
        Assert.Equal(2, (await first.NextAsync("denied")).GetProperty("asksLeft").GetInt32());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.WaitForCloseAsync());
        Assert.Empty(People(await h.NextAsync("waiting-room")));

        // A stale admit (the denied request's id) and a replayed deny find nobody.
        await h.SendAsync(Messages.Control("admit", first.Id));
        await h.ErrorAsync("not-waiting");
        await h.SendAsync(Messages.Control("deny", first.Id));
        await h.ErrorAsync("not-waiting");

        await using var again = await guest.ConnectAsync(code);
        await again.AskToJoinAsync();
        Assert.NotEqual(first.Id, again.Id);
        await h.NextAsync("waiting-room");
        await h.SendAsync(Messages.Control("admit", first.Id));
        await h.ErrorAsync("not-waiting");
        await h.SendAsync(Messages.Control("admit", again.Id));
        await again.AdmittedAsync();
        await h.NextAsync("waiting-room");
        await h.NextAsync("joined");
        // Replayed: the person is in already.
        await h.SendAsync(Messages.Control("admit", again.Id));
        await h.ErrorAsync("not-waiting");
        await again.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task After_three_denials_an_account_cannot_ask_again()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Pest");
        var code = await host.NewMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        for (var asksLeft = 2; asksLeft >= 0; asksLeft--)
        {
            await using var g = await guest.ConnectAsync(code);
            await g.AskToJoinAsync();
            await h.NextAsync("waiting-room");
            await h.SendAsync(Messages.Control("deny", g.Id));
            Assert.Equal(asksLeft, (await g.NextAsync("denied")).GetProperty("asksLeft").GetInt32());
            await h.NextAsync("waiting-room");
        }
        await using var last = await guest.ConnectAsync(code);
        await last.SendAsync(Messages.Join2);
        await last.ErrorAsync("ask-limit");
        await h.LeaveAsync();
    }

    [Fact]
    public async Task Without_a_host_people_wait_and_are_told_so_until_one_arrives()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Bob");
        var code = await host.NewMeetingAsync();
        await using var g = await guest.ConnectAsync(code);
        Assert.False((await g.AskToJoinAsync()).GetProperty("hostPresent").GetBoolean());

        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        Assert.Equal([(g.Id, "Bob")], People(await h.NextAsync("waiting-room")));
        Assert.True((await g.NextAsync("waiting")).GetProperty("hostPresent").GetBoolean());
        await h.LeaveAsync();
        Assert.False((await g.NextAsync("waiting")).GetProperty("hostPresent").GetBoolean());
        await g.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_protocol_1_client_that_would_have_to_wait_is_refused_and_gets_straight_into_an_open_meeting()
    {
        using var host = await site.UserAsync("Hana");
        using var guest = await site.UserAsync("Old");
        var code = await host.NewMeetingAsync();
        await using var old = await guest.ConnectAsync(code);
        await old.SendAsync(Messages.Join("Old"));
        await old.ErrorAsync("needs-protocol-2");

        var open = await host.NewOpenMeetingAsync();
        await using var h = await host.JoinWsAsync(open);
        await using var g = await guest.JoinWsAsync(open);
        Assert.Equal(1, g.Welcome.GetProperty("protocol").GetInt32());
        await h.NextAsync("joined");
        await g.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task Admit_all_lets_everyone_waiting_in_and_long_polling_waits_like_a_socket()
    {
        using var host = await site.UserAsync("Hana");
        using var bob = await site.UserAsync("Bob");
        using var lee = await site.UserAsync("Lee");
        var code = await host.NewMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        await using var b = await bob.ConnectAsync(code);
        await b.AskToJoinAsync();
        await h.NextAsync("waiting-room");
        var l = await LpPeer.OpenAsync(lee, code, Messages.Join2, first: "waiting");
        Assert.Equal(["Bob", "Lee"], People(await h.NextAsync("waiting-room")).Select(p => p.Name));

        await h.SendAsync("""{"type":"admit-all"}""");
        await b.AdmittedAsync();
        Assert.Equal(l.Id, (await l.NextAsync("welcome")).GetProperty("you").GetProperty("id").GetString());
        await l.LeaveAsync();
        await b.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    internal static List<(string Id, string Name)> People(JsonElement waitingRoom) =>
        [.. waitingRoom.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!))];
}
