using System.Net.WebSockets;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class OpenTransportsTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task Logging_out_closes_the_accounts_sockets_with_1008_and_its_poll_sessions()
    {
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewOpenMeetingAsync();
        await using var b = await bob.JoinWsAsync(code, "Bob");
        await using var a = await ann.JoinWsAsync(code, "Ann");
        var lp = await ann.JoinLongPollAsync(code, "Ann on polls");
        await using var notJoined = await ann.ConnectAsync(code);

        var cookiesBefore = ann.Cookies.GetAllCookies();
        var logout = await ann.LogoutAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await a.WaitForCloseAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await notJoined.WaitForCloseAsync());
        var left = new[] { (await b.WaitForAsync("left")).GetProperty("id").GetString(), (await b.WaitForAsync("left")).GetProperty("id").GetString() };
        Assert.Equal(new[] { a.Id, lp.Id }.Order(), left.Order());
        var (status, _) = await lp.PollOnceAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, status);
        // A copy of the cookie from before the log out opens no new socket either.
        ann.Cookies.Add(cookiesBefore);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await ann.UpgradeStatusAsync(code));

        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
