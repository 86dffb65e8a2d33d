using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>The whole two-person journey over WebSocket: media both ways, chat, mute, camera, screen share, leave.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoPersonCallTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task Two_people_see_hear_chat_mute_share_and_leave()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();

        // The guest follows the invite link, is sent to log in, creates an account there and comes back.
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.Page.GotoAsync(link);
        await bob.Page.WaitForURLAsync("**/Account/Login?**");
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).Last.ClickAsync();
        await bob.RegisterAsync(openForm: false);
        await bob.Page.WaitForURLAsync(link);
        await bob.JoinAsync();
        await Assertions.Expect(ada.Status()).ToHaveTextAsync("Connected (WebSocket)");

        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);
        await MediaAssert.PlaysAsync(bob, "Ada Host", withAudio: true);

        // Chat both ways; markup is shown as text, never rendered.
        const string markup = "<b>bold</b><img src=x>";
        await ada.SendChatAsync(markup);
        await bob.OpenChatAsync();
        await Assertions.Expect(bob.ChatLog()).ToContainTextAsync(markup);
        await Assertions.Expect(bob.ChatLog()).ToContainTextAsync("Ada Host");
        Assert.Equal(0, await bob.ChatLog().Locator("b, img").CountAsync());
        await bob.SendChatAsync("Hello Ada");
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("Hello Ada");
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("Bob Guest");

        // Microphone and camera off show on the other side within 2 s; the camera really stops.
        var bobTileAtAda = ada.Tile("Bob Guest");
        await bob.Button("Microphone").ClickAsync();
        await Assertions.Expect(bob.Button("Microphone")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(bobTileAtAda.GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeVisibleAsync(WithinTwoSeconds);
        await bob.Button("Camera").ClickAsync();
        await Assertions.Expect(bob.Button("Camera")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(bobTileAtAda.GetByRole(AriaRole.Img, new() { Name = "Camera off" })).ToBeVisibleAsync(WithinTwoSeconds);
        Assert.Equal(0, await LiveCameraTracksAsync(bob));

        await bob.Button("Camera").ClickAsync();
        await bob.Button("Microphone").ClickAsync();
        await Assertions.Expect(bobTileAtAda.GetByRole(AriaRole.Img, new() { Name = "Camera off" })).ToBeHiddenAsync();
        await Assertions.Expect(bobTileAtAda.GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeHiddenAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);

        // Screen share: the other side sees the shared surface; stopping it brings the camera back.
        var cameraSize = await VideoSizeAsync(bob, "Ada Host");
        await ada.Button("Share screen").ClickAsync();
        await Assertions.Expect(ada.Button("Share screen")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(bob.Tile("Ada Host")).ToHaveClassAsync(new Regex("tile--screen"));
        await WaitForVideoSizeAsync(bob, "Ada Host", size => size != cameraSize);
        await MediaAssert.PlaysAsync(bob, "Ada Host");
        await ada.Button("Share screen").ClickAsync();
        await Assertions.Expect(bob.Tile("Ada Host")).Not.ToHaveClassAsync(new Regex("tile--screen"));
        await MediaAssert.PlaysAsync(bob, "Ada Host");

        // The invite link can be copied from inside the call.
        await ada.Button("Copy invite link").ClickAsync();
        await Assertions.Expect(ada.Page.GetByText(new Regex("^(Invite link copied|Press Ctrl\\+C to copy the selected link)$"))).ToBeVisibleAsync();

        // Leaving removes the tile on the other side within 2 s.
        await bob.Button("Leave meeting").ClickAsync();
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "You left the meeting" })).ToBeVisibleAsync();
        await Assertions.Expect(ada.Tile("Bob Guest")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
    }

    private static Task<int> LiveCameraTracksAsync(Participant person) =>
        person.Page.EvaluateAsync<int>(
            "() => window.__peerConnections.flatMap(pc => pc.getSenders()).filter(s => s.track && s.track.kind === 'video' && s.track.readyState === 'live').length");

    private static Task<string> VideoSizeAsync(Participant viewer, string tileLabel) =>
        viewer.Page.EvaluateAsync<string>(
            "label => { const v = document.querySelector(`[role=figure][aria-label=\"${label}\"] video`); return v ? `${v.videoWidth}x${v.videoHeight}` : ''; }",
            tileLabel);

    private static async Task WaitForVideoSizeAsync(Participant viewer, string tileLabel, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var size = "";
        while (DateTime.UtcNow < deadline)
        {
            size = await VideoSizeAsync(viewer, tileLabel);
            if (size != "0x0" && condition(size))
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"The video in \"{tileLabel}\" stayed {size}.");
    }
}
