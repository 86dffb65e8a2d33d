using System.Net.WebSockets;
using System.Text;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class WebSocketTransportReceiveTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_message_over_64_KiB_closes_the_socket_with_1009_and_the_participant_leaves()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
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
        var code = await ann.NewOpenMeetingAsync();
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
        var code = await ann.NewOpenMeetingAsync();
        await using var idle = await ann.ConnectAsync(code);
        Assert.Equal((WebSocketCloseStatus)4001, await idle.WaitForCloseAsync());
        await site.NoLeaksAsync();
    }
}
