using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// The site as deployed: behind nginx terminating TLS (deploy/nginx/meetsite.conf), the browser on
/// https:// only. Log-in redirects, the signaling Origin check and Secure cookies all depend on the
/// scheme nginx forwards; the WebSocket upgrade and long-polling both go through nginx.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HttpsProxyTests(BrowserFixture browser) : IAsyncLifetime
{
    private NginxProxy _nginx = null!;

    public async Task InitializeAsync() => _nginx = await NginxProxy.StartAsync(browser.BaseAddress);

    public Task DisposeAsync()
    {
        _nginx.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_people_call_over_https_through_nginx_on_WebSockets()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Tls", baseAddress: _nginx.BaseAddress);
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        Assert.StartsWith(_nginx.BaseAddress.ToString(), link);
        await ada.JoinAsync();

        // The invite link sends a newcomer to log in: on https, or the page would not load at all.
        await using var bob = await browser.NewParticipantAsync("Bob Tls", baseAddress: _nginx.BaseAddress);
        await bob.Page.GotoAsync(link);
        await bob.Page.WaitForURLAsync(new Regex("^" + Regex.Escape(_nginx.BaseAddress + "Account/Login?")));
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).Last.ClickAsync();
        await bob.RegisterAsync(openForm: false);
        await bob.Page.WaitForURLAsync(link);
        await bob.JoinAsync();

        await Assertions.Expect(ada.Status()).ToHaveTextAsync("Connected (WebSocket)");
        await Assertions.Expect(bob.Status()).ToHaveTextAsync("Connected (WebSocket)");
        await MediaAssert.PlaysAsync(ada, "Bob Tls", withAudio: true);
        await MediaAssert.PlaysAsync(bob, "Ada Tls", withAudio: true);
        foreach (var person in new[] { ada, bob })
        {
            var cookies = await person.Context.CookiesAsync();
            Assert.True(cookies.Single(cookie => cookie.Name == "meetsite.auth").Secure, $"{person.DisplayName}'s log in cookie is not Secure.");
        }

        // nginx logs an upgraded request when its socket closes.
        await bob.Button("Leave meeting").ClickAsync();
        await LoggedAsync(new Regex("\"GET /signal/ws/[^ ]+ HTTP/1.1\" 101 "));
    }

    [Fact]
    public async Task A_long_polling_participant_calls_over_https_through_nginx()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Socket", baseAddress: _nginx.BaseAddress);
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var lou = await browser.NewParticipantAsync("Lou Poll", baseAddress: _nginx.BaseAddress);
        await lou.OpenMeetingAsNewUserAsync(link, "?transport=longpoll");
        await lou.JoinAsync();

        await Assertions.Expect(lou.Status()).ToHaveTextAsync("Connected (long-polling)");
        await MediaAssert.PlaysAsync(ada, "Lou Poll", withAudio: true);
        await MediaAssert.PlaysAsync(lou, "Ada Socket", withAudio: true);
        await lou.SendChatAsync("sent by long-polling through nginx");
        await ada.OpenChatAsync();
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("sent by long-polling through nginx");
        await LoggedAsync(new Regex("\"POST /signal/lp/[^ ]+ HTTP/[0-9.]+\" 200 "));
    }

    /// <summary>Waits until nginx's access log has a line like <paramref name="line"/>: that request went through nginx.</summary>
    private async Task LoggedAsync(Regex line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!line.IsMatch(_nginx.AccessLog))
        {
            Assert.True(DateTime.UtcNow < deadline, $"nginx's access log has no line like {line}:\n{_nginx.AccessLog}");
            await Task.Delay(100);
        }
    }
}
