using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// Not an assertion of looks, a way to look: saves the lobby and the call at desktop and phone sizes
/// as PNGs when MEETSITE_SCREENSHOTS names a folder. Without it the test only checks the screens render.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallScreenshotTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lobby_and_the_call_render_at_desktop_and_phone_sizes()
    {
        await using var host = await browser.NewParticipantAsync("Ada Lovelace");
        var link = await host.RegisterAndStartOpenMeetingAsync();
        await using var guest = await browser.NewParticipantAsync("Charles Babbage");
        await guest.OpenMeetingAsNewUserAsync(link);

        await Assertions.Expect(host.Button("Join now")).ToBeEnabledAsync();
        await Shoot(host.Page, "lobby-desktop");
        await host.Page.SetViewportSizeAsync(390, 844);
        await Shoot(host.Page, "lobby-phone");
        await host.Page.SetViewportSizeAsync(1280, 800);

        await host.JoinAsync();
        await guest.JoinAsync();
        await MediaAssert.PlaysAsync(host, guest.DisplayName);
        await host.SendChatAsync("Hello <b>there</b>");
        await Assertions.Expect(host.ChatLog()).ToContainTextAsync("Hello <b>there</b>");
        await Shoot(host.Page, "call-desktop-chat");
        await host.Button("Chat").ClickAsync();
        await Shoot(host.Page, "call-desktop");
        await guest.Button("Camera").ClickAsync();
        await guest.Button("Microphone").ClickAsync();
        await Assertions.Expect(host.Tile(guest.DisplayName).GetByRole(AriaRole.Img, new() { Name = "Camera off" })).ToBeVisibleAsync();
        await Shoot(host.Page, "call-desktop-camera-off");
        await host.Page.SetViewportSizeAsync(390, 844);
        await Shoot(host.Page, "call-phone");
        await host.Button("Chat").ClickAsync();
        await Shoot(host.Page, "call-phone-chat");
        await host.Button("Leave meeting").ClickAsync();
        await Shoot(host.Page, "left-phone");
    }

    private static Task Shoot(IPage page, string name) => Screenshots.ShootAsync(page, name);
}
