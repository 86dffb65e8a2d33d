using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Cluster;

/// <summary>
/// Three real MeetSite processes on one database and one Redis, each participant speaking to a node of
/// its own: a meeting behaves as on one node (membership, seats, order, chat, log out), and a node that
/// dies takes no participant with it.
/// </summary>
public sealed class ClusterSignalingTests
{
    [Fact]
    public async Task Participants_on_different_nodes_meet_signal_in_order_chat_and_share_the_seats()
    {
        using var cluster = await ClusterNodes.StartAsync(3, new Dictionary<string, string?> { ["Signaling:Capacity"] = "2" });
        using var ann = await SignalingUser.RegisterAsync(cluster[0], "Ann");
        using var bobHome = await SignalingUser.RegisterAsync(cluster[0], "Bob");
        using var bob = bobHome.Via(cluster[1]);
        using var cyHome = await SignalingUser.RegisterAsync(cluster[0], "Cy");
        using var cy = cyHome.Via(cluster[2]);
        var code = await ann.NewOpenMeetingAsync();

        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await bob.JoinWsAsync(code, "Bob");
        Assert.Equal(a.Id, b.Welcome.GetProperty("participants")[0].GetProperty("id").GetString());
        Assert.Equal(b.Id, (await a.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());

        // The meeting holds two: a third on a third node finds it full.
        Assert.Equal(HttpStatusCode.Conflict, await cy.UpgradeStatusAsync(code));

        for (var i = 0; i < 200; i++)
        {
            await a.SignalAsync(b.Id, "{\"n\":" + i + "}");
        }
        long seq = 0;
        for (var i = 0; i < 200; i++)
        {
            var signal = await b.NextAsync("signal");
            Assert.Equal(i, signal.GetProperty("data").GetProperty("n").GetInt32());
            Assert.True(signal.GetProperty("seq").GetInt64() == seq + 1 || seq == 0, "the seq has a gap");
            seq = signal.GetProperty("seq").GetInt64();
        }
        await b.SendAsync(Messages.Chat("from node 1"));
        Assert.Equal("from node 1", (await a.WaitForAsync("chat")).GetProperty("text").GetString());
        Assert.Equal("from node 1", (await b.WaitForAsync("chat")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_long_poll_session_answers_on_any_node_without_sticky_sessions()
    {
        using var cluster = await ClusterNodes.StartAsync(2);
        using var ann = await SignalingUser.RegisterAsync(cluster[0], "Ann");
        using var lee = await SignalingUser.RegisterAsync(cluster[1], "Lee");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");

        var l = await lee.JoinLongPollAsync(code, "Lee");
        await a.NextAsync("joined");
        for (var i = 0; i < 6; i++)
        {
            // Every poll and send goes to the next node in turn, as a round-robin proxy would send them.
            using var via = lee.Via(cluster[i % 2]);
            l.Use(via);
            await a.SignalAsync(l.Id, "{\"n\":" + i + "}");
            Assert.Equal(i, (await l.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
            using var sent = await l.SendAsync(Messages.Signal(a.Id, "{\"back\":" + i + "}"));
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            Assert.Equal(i, (await a.NextAsync("signal")).GetProperty("data").GetProperty("back").GetInt32());
        }
    }

    [Fact]
    public async Task A_log_out_through_one_node_closes_the_account_s_connections_held_by_another()
    {
        using var cluster = await ClusterNodes.StartAsync(2);
        await using var meeting = await AnnAndBob.MeetAsync(cluster);
        var (ann, bob, code, a, b) = (meeting.Ann, meeting.Bob, meeting.Code, meeting.A, meeting.B);

        // Bob's socket is held by node 0, the meeting's home; he logs out through node 1.
        using var loggedOut = await bob.LogoutAsync();

        Assert.Equal(b.Id, (await a.WaitForAsync("left")).GetProperty("id").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await b.WaitForCloseAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await bob.UpgradeStatusAsync(code));
    }

    [Fact]
    public async Task A_participant_whose_node_dies_comes_back_through_another_under_its_id_and_misses_nothing()
    {
        using var cluster = await ClusterNodes.StartAsync(3);
        await using var meeting = await AnnAndBob.MeetAsync(cluster);
        var (ann, bob, code, a, b) = (meeting.Ann, meeting.Bob, meeting.Code, meeting.A, meeting.B);

        cluster.Kill(1);
        await a.SendAsync(Messages.Chat("while you were away"));
        await ReadUntilClosedAsync(b);

        using var bobElsewhere = bob.Via(cluster[2]);
        await using var back = await bobElsewhere.ConnectAsync(code);
        await back.SendAsync(Messages.Resume("Bob", b.Id, b.Token, b.LastSeq));
        var welcome = await back.NextAsync("welcome");
        Assert.Equal(b.Id, welcome.GetProperty("you").GetProperty("id").GetString());
        Assert.False(welcome.TryGetProperty("restored", out _), "the home still had Bob: a plain resume");
        Assert.Equal("while you were away", (await back.NextAsync("chat")).GetProperty("text").GetString());

        await back.SendAsync(Messages.Chat("back"));
        Assert.Equal("while you were away", (await a.NextAsync("chat")).GetProperty("text").GetString());
        var next = await a.NextAsync();
        Assert.Equal("chat", next.GetProperty("type").GetString()); // no "left" came before it
        Assert.Equal("back", next.GetProperty("text").GetString());
    }

    [Fact]
    public async Task When_a_meeting_s_home_dies_another_node_takes_it_over_and_restores_everyone_under_their_ids()
    {
        using var cluster = await ClusterNodes.StartAsync(3);
        await using var meeting = await AnnAndBob.MeetAsync(cluster);
        var (ann, bob, code, a, b) = (meeting.Ann, meeting.Bob, meeting.Code, meeting.A, meeting.B);
        await a.SendAsync(Messages.Chat("before"));
        await a.WaitForAsync("chat");
        await b.WaitForAsync("chat");

        cluster.Kill(0);
        await ReadUntilClosedAsync(a);
        await ReadUntilClosedAsync(b); // node 1's forwarded socket went with the home

        await using var bobBack = await bob.ConnectAsync(code);
        await bobBack.SendAsync(Messages.Resume("Bob", b.Id, b.Token, b.LastSeq));
        var bobWelcome = await bobBack.NextAsync("welcome");
        Assert.Equal(b.Id, bobWelcome.GetProperty("you").GetProperty("id").GetString());
        Assert.True(bobWelcome.GetProperty("restored").GetBoolean());
        await bobBack.SendAsync(Messages.Chat("while Ann was away"));
        await bobBack.WaitForAsync("chat");

        using var annElsewhere = ann.Via(cluster[2]);
        await using var annBack = await annElsewhere.ConnectAsync(code);
        await annBack.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a.LastSeq));
        var annWelcome = await annBack.NextAsync("welcome");
        Assert.Equal(a.Id, annWelcome.GetProperty("you").GetProperty("id").GetString());
        Assert.Equal(b.Id, annWelcome.GetProperty("participants")[0].GetProperty("id").GetString());
        // The chat stored while Ann was away comes with her welcome (her page drops the ids it has).
        Assert.Contains("while Ann was away", annWelcome.GetProperty("chat").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(a.Id, (await bobBack.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());

        await annBack.SignalAsync(b.Id, "{\"after\":true}");
        Assert.True((await bobBack.NextAsync("signal")).GetProperty("data").GetProperty("after").GetBoolean());
    }

    [Fact]
    public async Task A_call_goes_on_while_redis_restarts_and_its_home_claims_the_meeting_again_when_redis_is_back()
    {
        using var redis = new RedisServer();
        using var cluster = await ClusterNodes.StartAsync(2, redis: redis);
        using var cy = await SignalingUser.RegisterAsync(cluster[1], "Cy");
        await using var meeting = await AnnAndBob.MeetAsync(cluster);
        var (ann, bob, code, a, b) = (meeting.Ann, meeting.Bob, meeting.Code, meeting.A, meeting.B);
        var home = await redis.GetAsync("meetsite:home:" + code);
        Assert.StartsWith(cluster[0].ToString().TrimEnd('/'), home.Split(' ')[1], StringComparison.Ordinal);

        redis.Stop();
        // Redis is not on the message path: the meeting's messages flow both ways, through node 1 too.
        await a.SignalAsync(b.Id, "{\"n\":1}");
        Assert.Equal(1, (await b.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
        await b.SendAsync(Messages.Chat("Redis is down"));
        Assert.Equal("Redis is down", (await a.NextAsync("chat")).GetProperty("text").GetString());
        // What needs Redis (a node finding a meeting's home) is refused, to be tried again.
        var (status, retryAfter) = await cy.UpgradeAsync(code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("1", retryAfter);

        redis.Start();
        await SignalingSite.EventuallyAsync(async () => await redis.GetAsync("meetsite:home:" + code) == home,
            "the home claimed its meeting again in the empty Redis");
        await using var c = await cy.JoinWsAsync(code, "Cy");
        Assert.Equal(2, c.Welcome.GetProperty("participants").GetArrayLength());
        Assert.Equal(c.Id, (await a.WaitForAsync("joined")).GetProperty("participant").GetProperty("id").GetString());
        Assert.Equal(c.Id, (await b.WaitForAsync("joined")).GetProperty("participant").GetProperty("id").GetString());
    }

    /// <summary>Ann on node 0 (so the meeting's home) and Bob through node 1, both joined over WebSockets.</summary>
    private sealed class AnnAndBob : IAsyncDisposable
    {
        public required SignalingUser Ann { get; init; }

        public required SignalingUser Bob { get; init; }

        public required string Code { get; init; }

        public required WsPeer A { get; init; }

        public required WsPeer B { get; init; }

        public static async Task<AnnAndBob> MeetAsync(ClusterNodes cluster)
        {
            var ann = await SignalingUser.RegisterAsync(cluster[0], "Ann");
            var bob = await SignalingUser.RegisterAsync(cluster[1], "Bob");
            var code = await ann.NewOpenMeetingAsync();
            var a = await ann.JoinWsAsync(code, "Ann");
            var b = await bob.JoinWsAsync(code, "Bob");
            await a.NextAsync("joined");
            return new AnnAndBob { Ann = ann, Bob = bob, Code = code, A = a, B = b };
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            Ann.Dispose();
            Bob.Dispose();
        }
    }

    /// <summary>Reads what is left on a connection whose node died, until it is gone (closed or reset).</summary>
    private static async Task ReadUntilClosedAsync(WsPeer peer)
    {
        try
        {
            while (await peer.ReceiveAsync() is not null)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or JsonException)
        {
        }
    }
}
