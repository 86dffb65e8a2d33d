using System.Net.WebSockets;
using Dapper;
using MeetSite.Data;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

public sealed class WebSocketTransportTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task Two_participants_join_exchange_signals_media_and_chat_and_see_each_other_leave()
    {
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewOpenMeetingAsync();

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
        var code = await ann.NewOpenMeetingAsync();
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
    public async Task Stopping_the_server_closes_its_sockets_with_4003_move_instead_of_hanging_the_shutdown()
    {
        var ownSite = SignalingSite.With(null);
        using var ann = await ownSite.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");

        var stopping = Task.Run(ownSite.Dispose);
        Assert.Equal((WebSocketCloseStatus)4003, await a.WaitForCloseAsync());
        await stopping;
    }

    [Fact]
    public async Task A_server_fault_while_handling_a_message_closes_only_that_socket_with_1011()
    {
        using var ownSite = SignalingSite.With(null);
        using var ann = await ownSite.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        var connections = ownSite.Site.Services.GetRequiredService<DbConnections>();
        await using (var db = await connections.OpenAsync())
        {
            await db.ExecuteAsync("DROP TABLE ChatMessages");
        }

        await b.SendAsync(Messages.Chat("this insert fails"));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await b.WaitForCloseAsync());
        Assert.Equal(b.Id, (await a.NextAsync("left")).GetProperty("id").GetString());
        await a.SendAsync("{\"type\":\"media\",\"mic\":true,\"cam\":true,\"screen\":false}");
        await a.LeaveAsync();
        await ownSite.NoLeaksAsync();
    }
}
