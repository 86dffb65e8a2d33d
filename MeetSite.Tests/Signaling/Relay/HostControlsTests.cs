using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Dapper;
using MeetSite.Meetings;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

/// <summary>
/// Host and co-host controls over a real Kestrel port: each refusal of someone without the right, a
/// spoofed sender, a forged target, a removed person coming back, lock, end, hands and mute.
/// </summary>
public sealed class HostControlsTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_guest_is_refused_every_host_control_and_nothing_happens()
    {
        var (code, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        foreach (var message in new[]
        {
            Messages.Control("admit", h.Id), """{"type":"admit-all"}""", Messages.Control("deny", h.Id),
            Messages.Control("mute", h.Id), """{"type":"mute-all"}""", Messages.Control("remove", h.Id),
            Messages.CoHost(g.Id, true), Messages.Settings("\"locked\":true"), """{"type":"end"}""",
            $$"""{"type":"hand","raised":false,"id":"{{h.Id}}"}""",
        })
        {
            await g.SendAsync(message);
            await g.ErrorAsync("forbidden");
        }
        // Refused on long-polling as well.
        var lp = await LpPeer.OpenAsync(users.Guest, code, Messages.Join2);
        await h.NextAsync("joined");
        using (var refused = await lp.SendAsync(Messages.Control("remove", h.Id)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"forbidden\"", await refused.Content.ReadAsStringAsync());
        }
        // The host is still in, unmuted, and its next message is one it causes.
        await h.SendAsync(Messages.Chat("still here"));
        Assert.Equal("still here", (await h.NextAsync("chat")).GetProperty("text").GetString());
        var meeting = await Store(code);
        Assert.False(meeting.Locked);
        Assert.Null(meeting.EndedAt);
        await lp.LeaveAsync();
        await g.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_spoofed_sender_is_overwritten_with_the_real_one()
    {
        var (_, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        // Bob claims to be the host, in a signal and in a control.
        await g.SendAsync($$$"""{"type":"signal","from":"{{{h.Id}}}","to":"{{{h.Id}}}","data":{"candidate":"c"}}""");
        Assert.Equal(g.Id, (await h.NextAsync("signal")).GetProperty("from").GetString());
        await g.SendAsync($$"""{"type":"remove","from":"{{h.Id}}","id":"{{h.Id}}"}""");
        await g.ErrorAsync("forbidden");
        await g.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task A_forged_target_from_another_meeting_or_nobody_is_unknown_and_touches_no_one()
    {
        var (_, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        using var other = await site.UserAsync("Olga");
        var elsewhere = await other.NewOpenMeetingAsync();
        await using var o = await other.ConnectAsync(elsewhere);
        await o.JoinV2Async();

        foreach (var type in new[] { "remove", "mute", "admit", "deny" })
        {
            await h.SendAsync(Messages.Control(type, o.Id));
            await h.ErrorAsync(type is "admit" or "deny" ? "not-waiting" : "unknown-participant");
        }
        await h.SendAsync(Messages.CoHost("no-such-participant-id", true));
        await h.ErrorAsync("unknown-participant");
        // Admitting a member (not someone waiting) is refused as well.
        await h.SendAsync(Messages.Control("admit", g.Id));
        await h.ErrorAsync("not-waiting");

        await o.SendAsync(Messages.Chat("untouched"));
        Assert.Equal("untouched", (await o.NextAsync("chat")).GetProperty("text").GetString());
        await o.LeaveAsync();
        await g.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task A_removed_person_is_told_leaves_everyone_and_must_be_admitted_to_come_back()
    {
        var (code, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        await h.SendAsync(Messages.Control("remove", g.Id));
        Assert.Equal("Hana", (await g.NextAsync("removed")).GetProperty("by").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await g.WaitForCloseAsync());
        Assert.Equal(g.Id, (await h.NextAsync("left")).GetProperty("id").GetString());

        // Its resume token no longer works, a protocol 1 join is refused, and a fresh one waits,
        // although this meeting has no waiting room.
        await using (var resume = await users.Guest.ConnectAsync(code))
        {
            await resume.SendAsync(Messages.Resume("Bob", g.Id, g.Token, g.LastSeq));
            await resume.ErrorAsync("resume-failed");
        }
        await using (var old = await users.Guest.ConnectAsync(code))
        {
            await old.SendAsync(Messages.Join("Bob"));
            await old.ErrorAsync("needs-protocol-2");
        }
        await using var back = await users.Guest.ConnectAsync(code);
        await back.AskToJoinAsync();
        Assert.Equal(back.Id, WaitingRoomTests.People(await h.NextAsync("waiting-room"))[0].Id);
        await h.SendAsync(Messages.Control("admit", back.Id));
        await back.AdmittedAsync();
        await h.NextAsync("waiting-room");
        await h.NextAsync("joined");
        // Admitted again, the account is an ordinary guest from now on.
        Assert.Null(await Roles().RoleOfAsync((await Store(code)).Id, await UserIdAsync(users.Guest)));
        await back.LeaveAsync();
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_removed_long_poll_participant_receives_its_notice_before_the_session_closes()
    {
        using var host = await site.UserAsync("Hana");
        var code = await host.NewOpenMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        // As in a browser, a poll is waiting when the host acts. It may take the notice and answer before
        // the session learns that it is closing; the next poll must then find it closed. That order is a
        // race, so the removal is repeated.
        for (var i = 0; i < 30; i++)
        {
            using var guest = await site.UserAsync($"Lee {i}");
            var l = await LpPeer.OpenAsync(guest, code, Messages.Join2);
            await h.NextAsync("joined");

            var removed = l.NextAsync("removed");
            await Task.Delay(TimeSpan.FromMilliseconds(100)); // the poll is waiting at the server
            await h.SendAsync(Messages.Control("remove", l.Id));
            Assert.Equal("Hana", (await removed).GetProperty("by").GetString());
            Assert.Equal(HttpStatusCode.NoContent, (await l.PollOnceAsync()).Status);
            await h.NextAsync("left");
        }
        await h.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_locked_meeting_refuses_newcomers_on_both_transports_but_not_its_host()
    {
        var (code, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        await h.SendAsync(Messages.Settings("\"locked\":true"));
        Assert.True((await h.NextAsync("settings")).GetProperty("locked").GetBoolean());
        Assert.True((await g.NextAsync("settings")).GetProperty("locked").GetBoolean());
        await StoredAsync(code, m => m.Locked, "the lock is stored");

        using var late = await site.UserAsync("Late");
        await using var ws = await late.ConnectAsync(code);
        await ws.SendAsync(Messages.Join2);
        await ws.ErrorAsync("meeting-locked");
        using var response = await late.Http.SendAsync(late.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Join2));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("meeting-locked", await response.Content.ReadAsStringAsync());

        await using var second = await users.Host.ConnectAsync(code);
        await second.JoinV2Async();
        await second.LeaveAsync();
        await g.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task Ending_for_all_tells_everyone_closes_every_connection_and_the_meeting_stays_ended()
    {
        var (code, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        using var waiter = await site.UserAsync("Wes");
        await h.SendAsync(Messages.Settings("\"waitingRoom\":true"));
        await h.NextAsync("settings");
        await g.NextAsync("settings");
        await using var w = await waiter.ConnectAsync(code);
        await w.AskToJoinAsync();
        await h.NextAsync("waiting-room");

        await h.SendAsync("""{"type":"end"}""");
        foreach (var peer in new[] { h, g, w })
        {
            Assert.Equal("Hana", (await peer.NextAsync("ended")).GetProperty("by").GetString());
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await peer.WaitForCloseAsync());
        }
        Assert.NotNull((await Store(code)).EndedAt);
        // Nobody gets back in, the host included, on either transport.
        Assert.Equal(HttpStatusCode.Gone, await users.Host.UpgradeStatusAsync(code));
        using var response = await users.Host.Http.SendAsync(users.Host.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Join2));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("meeting-ended", await response.Content.ReadAsStringAsync());
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_co_host_moderates_guests_but_cannot_end_touch_the_host_or_make_co_hosts_and_the_role_is_stored()
    {
        var (code, h, g, users) = await OpenMeetingWithGuestAsync();
        using var _ = users;
        using var third = await site.UserAsync("Tim");
        await using var t = await third.ConnectAsync(code);
        await t.JoinV2Async();
        await h.NextAsync("joined");
        await g.NextAsync("joined");

        await g.SendAsync(Messages.CoHost(g.Id, true)); // not yet a co-host: cannot promote itself
        await g.ErrorAsync("forbidden");
        await h.SendAsync(Messages.CoHost(g.Id, true));
        foreach (var peer in new[] { h, g, t })
        {
            var role = await peer.NextAsync("role");
            Assert.Equal((g.Id, "cohost"), (role.GetProperty("id").GetString(), role.GetProperty("role").GetString()));
        }
        Assert.Equal(MeetingControlStore.CoHost, await Roles().RoleOfAsync((await Store(code)).Id, await UserIdAsync(users.Guest)));

        foreach (var message in new[] { """{"type":"end"}""", Messages.Control("remove", h.Id), Messages.Control("mute", h.Id), Messages.CoHost(t.Id, true) })
        {
            await g.SendAsync(message);
            await g.ErrorAsync("forbidden");
        }
        await g.SendAsync(Messages.Control("mute", t.Id));
        Assert.Equal("Bob", (await t.NextAsync("muted")).GetProperty("by").GetString());
        await g.SendAsync(Messages.Settings("\"locked\":true"));
        Assert.True((await g.NextAsync("settings")).GetProperty("locked").GetBoolean());
        await g.SendAsync(Messages.Control("remove", t.Id));
        await t.WaitForAsync("removed");

        // The role outlives the call: Bob comes back a co-host.
        await g.LeaveAsync();
        await using var again = await users.Guest.ConnectAsync(code);
        var welcome = await again.JoinV2Async();
        Assert.Equal("cohost", welcome.GetProperty("you").GetProperty("role").GetString());
        await h.SendAsync(Messages.CoHost(again.Id, false));
        Assert.Equal("guest", (await again.NextAsync("role")).GetProperty("role").GetString());
        await again.SendAsync(Messages.Settings("\"locked\":false"));
        await again.ErrorAsync("forbidden");
        Assert.Null(await Roles().RoleOfAsync((await Store(code)).Id, await UserIdAsync(users.Guest)));
        await again.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task Raised_hands_queue_in_order_and_the_owner_or_a_host_lowers_them()
    {
        using var host = await site.UserAsync("Hana");
        var code = await host.NewOpenMeetingAsync();
        await using var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        var guests = new List<(SignalingUser User, WsPeer Peer)>();
        foreach (var name in new[] { "Ann", "Bob", "Cy" })
        {
            var user = await site.UserAsync(name);
            var peer = await user.ConnectAsync(code);
            await peer.JoinV2Async();
            guests.Add((user, peer));
        }
        var (a, b, c) = (guests[0].Peer, guests[1].Peer, guests[2].Peer);

        foreach (var peer in new[] { b, c, a })
        {
            await peer.SendAsync(Messages.Hand(true));
            await h.WaitForAsync("hands");
        }
        await b.SendAsync(Messages.Hand(true)); // raising twice keeps the place
        await h.SendAsync($$"""{"type":"hand","raised":false,"id":"{{c.Id}}"}""");
        Assert.Equal([b.Id, a.Id], Queue(await h.WaitForAsync("hands")));
        await b.SendAsync(Messages.Hand(false));
        Assert.Equal([a.Id], Queue(await h.WaitForAsync("hands")));
        await a.LeaveAsync();
        Assert.Empty(Queue(await h.WaitForAsync("hands")));

        // A latecomer's welcome carries the queue.
        await c.SendAsync(Messages.Hand(true));
        await h.WaitForAsync("hands");
        using var late = await site.UserAsync("Late");
        await using var l = await late.ConnectAsync(code);
        var welcome = await l.JoinV2Async();
        Assert.Equal([c.Id], welcome.GetProperty("hands").EnumerateArray().Select(e => e.GetString()));
        foreach (var (user, peer) in guests)
        {
            await peer.DisposeAsync();
            user.Dispose();
        }
        await l.LeaveAsync();
        await h.LeaveAsync();
    }

    [Fact]
    public async Task Mute_everyone_asks_each_guest_and_turns_their_microphone_off_for_the_others()
    {
        var (_, h, g, users) = await OpenMeetingWithGuestAsync(guestMedia: ""","media":{"mic":true,"cam":true}""");
        using var _ = users;
        await h.SendAsync("""{"type":"mute-all"}""");
        var media = await h.NextAsync("media");
        Assert.Equal(g.Id, media.GetProperty("from").GetString());
        Assert.False(media.GetProperty("mic").GetBoolean());
        Assert.True(media.GetProperty("cam").GetBoolean());
        Assert.Equal("Hana", (await g.NextAsync("muted")).GetProperty("by").GetString());
        await g.LeaveAsync();
        await h.LeaveAsync();
    }

    private sealed record Users(SignalingUser Host, SignalingUser Guest) : IDisposable
    {
        public void Dispose()
        {
            Host.Dispose();
            Guest.Dispose();
        }
    }

    /// <summary>Hana hosts a meeting without a waiting room, and Bob is in it; both speak protocol 2.</summary>
    private async Task<(string Code, WsPeer Host, WsPeer Guest, Users Users)> OpenMeetingWithGuestAsync(string guestMedia = "")
    {
        var host = await site.UserAsync("Hana");
        var guest = await site.UserAsync("Bob");
        var code = await host.NewOpenMeetingAsync();
        var h = await host.ConnectAsync(code);
        await h.JoinV2Async();
        var g = await guest.ConnectAsync(code);
        await g.JoinAsync("Bob", ",\"protocol\":2" + guestMedia);
        await h.NextAsync("joined");
        return (code, h, g, new Users(host, guest));
    }

    private static List<string> Queue(JsonElement hands) => [.. hands.GetProperty("queue").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Polls the store until <paramref name="condition"/> holds: it is written just after everyone is told.</summary>
    private async Task StoredAsync(string code, Func<Meeting, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition(await Store(code)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    private MeetingControlStore Roles() => site.Site.Services.GetRequiredService<MeetingControlStore>();

    private async Task<Meeting> Store(string code) =>
        (await site.Site.Services.GetRequiredService<MeetingStore>().FindByCodeAsync(MeetingCode.TryParse(code, out var parsed) ? parsed.Value : default))!;

    /// <summary>The account id of <paramref name="user"/>, from its email.</summary>
    private async Task<string> UserIdAsync(SignalingUser user)
    {
        await using var db = await site.Site.Services.GetRequiredService<MeetSite.Data.DbConnections>().OpenAsync();
        return await db.QuerySingleAsync<string>("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = @email",
            new { email = user.Email.ToUpperInvariant() });
    }
}
