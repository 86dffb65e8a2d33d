using System.Net.WebSockets;
using System.Text;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class WebSocketTransportTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task Two_participants_join_exchange_signals_media_and_chat_and_see_each_other_leave()
    {
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewMeetingAsync();

        await using var a = await ann.JoinWsAsync(code, "Ann");
        Assert.Equal(1, a.Welcome.GetProperty("protocol").GetInt32());
        Assert.Equal(1, a.Welcome.GetProperty("seq").GetInt64());
        Assert.Equal(22, a.Id.Length);
        Assert.Empty(a.Welcome.GetProperty("participants").EnumerateArray());

        await using var b = await bob.JoinWsAsync(code, "Bob");
        var others = b.Welcome.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(a.Id, Assert.Single(others).GetProperty("id").GetString());
        var joined = await a.NextAsync("joined");
        Assert.Equal(b.Id, joined.GetProperty("participant").GetProperty("id").GetString());
        Assert.Equal("Bob", joined.GetProperty("participant").GetProperty("name").GetString());

        await a.SignalAsync(b.Id, """{"description":{"type":"offer","sdp":"v=0"}}""");
        var signal = await b.NextAsync("signal");
        Assert.Equal(a.Id, signal.GetProperty("from").GetString());
        Assert.Equal("offer", signal.GetProperty("data").GetProperty("description").GetProperty("type").GetString());

        await b.SendAsync("""{"type":"media","mic":true,"cam":false,"screen":true}""");
        var media = await a.NextAsync("media");
        Assert.Equal(b.Id, media.GetProperty("from").GetString());
        Assert.True(media.GetProperty("mic").GetBoolean());
        Assert.True(media.GetProperty("screen").GetBoolean());

        await a.SendAsync("""{"type":"chat","text":"  hello  "}""");
        foreach (var peer in new[] { a, b })
        {
            var chat = await peer.NextAsync("chat");
            Assert.Equal("hello", chat.GetProperty("text").GetString());
            Assert.Equal(a.Id, chat.GetProperty("from").GetString());
            Assert.Equal("Ann", chat.GetProperty("name").GetString());
        }

        await b.LeaveAsync();
        Assert.Equal(b.Id, (await a.NextAsync("left")).GetProperty("id").GetString());
        await a.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order_with_increasing_seq()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Ann again");
        await a.NextAsync("joined");

        for (var i = 0; i < 150; i++)
        {
            await a.SignalAsync(b.Id, $$$"""{"candidate":{"n":{{{i}}}}}""");
        }
        var lastSeq = b.LastSeq;
        for (var i = 0; i < 150; i++)
        {
            var signal = await b.NextAsync("signal");
            Assert.Equal(i, signal.GetProperty("data").GetProperty("candidate").GetProperty("n").GetInt32());
            Assert.Equal(++lastSeq, signal.GetProperty("seq").GetInt64());
        }
        await a.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_message_over_64_KiB_closes_the_socket_with_1009_and_the_participant_leaves()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var big = await ann.JoinWsAsync(code, "Big");
        await a.NextAsync("joined");

        await big.SendAsync(Messages.Chat(new string('x', 64 * 1024)));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await big.WaitForCloseAsync());
        Assert.Equal(big.Id, (await a.NextAsync("left")).GetProperty("id").GetString());
        await a.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_binary_frame_gets_bad_json_and_the_connection_stays_up()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var a = await ann.ConnectAsync(code);
        await a.Socket.SendAsync(Encoding.UTF8.GetBytes(Messages.Join("Ann")), WebSocketMessageType.Binary, true, CancellationToken.None);
        var error = await a.NextAsync("error");
        Assert.Equal("bad-json", error.GetProperty("code").GetString());
        Assert.Equal(0, error.GetProperty("seq").GetInt64());

        await a.JoinAsync("Ann");
        await a.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("bad-json", (await a.NextAsync("error")).GetProperty("code").GetString());
        await a.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_socket_that_never_joins_is_closed_with_4001()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var idle = await ann.ConnectAsync(code);
        Assert.Equal((WebSocketCloseStatus)4001, await idle.WaitForCloseAsync());
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_flood_is_rate_limited_then_closed_with_1008_while_others_carry_on()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var flooder = await ann.JoinWsAsync(code, "Flood");
        await a.NextAsync("joined");

        try
        {
            for (var i = 0; i < 1000; i++)
            {
                await flooder.SendAsync("""{"type":"ack","seq":0}""");
            }
        }
        catch (WebSocketException)
        {
            // The server may close before the last messages are sent.
        }
        Assert.Equal("rate-limited", (await flooder.WaitForAsync("error")).GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await flooder.WaitForCloseAsync());
        Assert.Equal(flooder.Id, (await a.NextAsync("left")).GetProperty("id").GetString());

        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        await b.SignalAsync(a.Id, "{}");
        Assert.Equal(b.Id, (await a.NextAsync("signal")).GetProperty("from").GetString());
        await a.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task Logging_out_closes_the_accounts_sockets_with_1008_and_its_poll_sessions()
    {
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewMeetingAsync();
        await using var b = await bob.JoinWsAsync(code, "Bob");
        await using var a = await ann.JoinWsAsync(code, "Ann");
        var lp = await ann.JoinLongPollAsync(code, "Ann on polls");
        await using var notJoined = await ann.ConnectAsync(code);

        var logout = await ann.LogoutAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await a.WaitForCloseAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await notJoined.WaitForCloseAsync());
        var left = new[] { (await b.WaitForAsync("left")).GetProperty("id").GetString(), (await b.WaitForAsync("left")).GetProperty("id").GetString() };
        Assert.Equal(new[] { a.Id, lp.Id }.Order(), left.Order());
        var (status, _) = await lp.PollOnceAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, status);

        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_participant_too_slow_to_read_is_disconnected_and_the_sender_carries_on()
    {
        using var fastSite = SignalingSite.With(new Dictionary<string, string?>
        {
            ["Signaling:OutboundQueueCapacity"] = "8",
            ["Signaling:RateBurst"] = "100000",
        });
        using var ann = await fastSite.UserAsync("Ann");
        var code = await ann.NewMeetingAsync();
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        await using var slow = await ann.JoinWsAsync(code, "Slow");
        await sender.NextAsync("joined");

        // The slow participant never reads: socket buffers fill, then its queue, then it is dropped.
        var payload = "{\"blob\":\"" + new string('x', 60_000) + "\"}";
        // The sender reads as it sends, like any client; late signals to the departed get errors.
        var left = sender.WaitForAsync("left");
        for (var sent = 0; !left.IsCompleted && sent < 5000; sent++)
        {
            await sender.SignalAsync(slow.Id, payload);
        }
        Assert.Equal(slow.Id, (await left).GetProperty("id").GetString());
        await sender.SendAsync(Messages.Chat("still fine"));
        Assert.Equal("still fine", (await sender.WaitForAsync("chat")).GetProperty("text").GetString());
        await sender.LeaveAsync();
        await fastSite.NoLeaksAsync();
    }
}
