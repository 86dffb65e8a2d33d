using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>The call survives transports that are forced, blocked or dropped.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TransportFallbackTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_long_polling_participant_and_a_WebSocket_participant_share_a_call()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Socket");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var lou = await browser.NewParticipantAsync("Lou Poll");
        await lou.OpenMeetingAsNewUserAsync(link, "?transport=longpoll");
        await lou.JoinAsync();

        await Assertions.Expect(ada.Status()).ToHaveTextAsync("Connected (WebSocket)");
        await Assertions.Expect(lou.Status()).ToHaveTextAsync("Connected (long-polling)");
        await MediaAssert.PlaysAsync(ada, "Lou Poll", withAudio: true);
        await MediaAssert.PlaysAsync(lou, "Ada Socket", withAudio: true);
        await lou.SendChatAsync("sent by long-polling");
        await ada.OpenChatAsync();
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("sent by long-polling");
    }

    [Fact]
    public async Task When_WebSockets_are_blocked_the_page_falls_back_to_long_polling_by_itself()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Open");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();

        // A proxy that refuses the upgrade: the socket closes without ever opening.
        await using var rex = await browser.NewParticipantAsync("Rex Refused");
        await rex.Page.RouteWebSocketAsync(new Regex("/signal/ws/"), ws => ws.CloseAsync());
        await rex.OpenMeetingAsNewUserAsync(link);
        await rex.JoinAsync();
        await Assertions.Expect(rex.Status()).ToHaveTextAsync("Connected (long-polling)");

        // A proxy that accepts the upgrade and then black-holes it: the page gives up waiting for a welcome.
        await using var hal = await browser.NewParticipantAsync("Hal Blackhole");
        await hal.Page.RouteWebSocketAsync(new Regex("/signal/ws/"), _ => { });
        await hal.OpenMeetingAsNewUserAsync(link);
        await hal.Page.GetByRole(AriaRole.Button, new() { Name = "Join now" }).ClickAsync();
        await Assertions.Expect(hal.Status()).ToHaveTextAsync("Connected (long-polling)", new() { Timeout = 20_000 });

        await MediaAssert.PlaysAsync(ada, "Rex Refused");
        await MediaAssert.PlaysAsync(rex, "Ada Open");
        await MediaAssert.PlaysAsync(hal, "Rex Refused");
    }

    [Fact]
    public async Task A_dropped_WebSocket_resumes_without_the_others_seeing_a_leave()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Steady");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();

        await using var dru = await browser.NewParticipantAsync("Dru Dropped");
        (IWebSocketRoute Page, IWebSocketRoute Server)? current = null;
        await dru.Page.RouteWebSocketAsync(new Regex("/signal/ws/"), ws => current = (ws, ws.ConnectToServer()));
        await dru.OpenMeetingAsNewUserAsync(link);
        await dru.JoinAsync();
        await MediaAssert.PlaysAsync(ada, "Dru Dropped");
        await MediaAssert.PlaysAsync(dru, "Ada Steady");

        await dru.Page.EvaluateAsync(RecordStatusTexts);
        await ada.Page.EvaluateAsync(RecordRemovedTiles);
        var dropped = current!.Value;
        await dropped.Server.CloseAsync(new() { Code = 1001 });
        await dropped.Page.CloseAsync(new() { Code = 1001 });

        await Assertions.Expect(dru.Status()).ToHaveTextAsync("Connected (WebSocket)", new() { Timeout = 20_000 });
        Assert.NotSame(dropped.Page, current!.Value.Page);
        var seen = await dru.Page.EvaluateAsync<string[]>("() => window.__statusTexts");
        Assert.Contains("Reconnecting…", seen);
        await MediaAssert.PlaysAsync(ada, "Dru Dropped");
        await MediaAssert.PlaysAsync(dru, "Ada Steady");
        Assert.Empty(await ada.Page.EvaluateAsync<string[]>("() => window.__removedTiles"));
        await Assertions.Expect(ada.Tile("Dru Dropped")).ToBeVisibleAsync();
    }

    private const string RecordStatusTexts = """
        () => {
          window.__statusTexts = [];
          const status = document.querySelector('[data-connection]');
          new MutationObserver(() => window.__statusTexts.push(status.textContent))
            .observe(status, { childList: true, characterData: true, subtree: true });
        }
        """;

    private const string RecordRemovedTiles = """
        () => {
          window.__removedTiles = [];
          new MutationObserver((records) => {
            for (const r of records) for (const n of r.removedNodes) window.__removedTiles.push(n.getAttribute?.('aria-label') ?? '');
          }).observe(document.querySelector('[data-grid]'), { childList: true });
        }
        """;
}
