using System.Text.RegularExpressions;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>The whole way from the home page to leaving a call, with the keyboard alone: no mouse, focus always visible, no trap.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Register_start_join_mute_camera_chat_people_and_leave_without_a_mouse()
    {
        await using var kay = await browser.NewParticipantAsync("Kay Board");
        var page = kay.Page;
        var keys = new KeyboardOnly(page);

        await page.GotoAsync("/");
        await keys.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).First);
        await keys.PressAsync("Enter");
        await page.WaitForURLAsync("**/Account/Register**");
        foreach (var (field, text) in new[] { ("Email", kay.Email), ("Display name", kay.DisplayName), ("Password", FormClient.Password), ("Confirm password", FormClient.Password) })
        {
            await keys.TabToAsync(page.GetByLabel(field, new() { Exact = true }));
            await keys.TypeAsync(text);
        }
        await keys.TabToAsync(AriaRole.Button, "Create account");
        await keys.PressAsync("Enter");
        await page.WaitForURLAsync("**/Dashboard");

        await keys.TabToAsync(AriaRole.Button, "New meeting");
        await keys.PressAsync("Enter");
        await page.WaitForURLAsync("**/m/*");
        await AccessibilityAuditTests.LobbyReadyAsync(kay);
        await keys.TabToAsync(AriaRole.Button, "Join now");
        await keys.PressAsync("Enter");
        await Assertions.Expect(kay.Tile("Kay Board (you)")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var mic = kay.Button("Microphone");
        await keys.TabToAsync(mic);
        await keys.PressAsync("Space");
        await Assertions.Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(kay.Tile("Kay Board (you)").GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeVisibleAsync();
        await keys.PressAsync("Space");
        await Assertions.Expect(mic).ToHaveAttributeAsync("aria-pressed", "true");

        var camera = kay.Button("Camera");
        await keys.TabToAsync(camera);
        await keys.PressAsync("Space");
        await Assertions.Expect(camera).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(kay.Tile("Kay Board (you)").GetByRole(AriaRole.Img, new() { Name = "Camera off" })).ToBeVisibleAsync();

        // The chat opens with the focus in its message box; Enter sends; Escape closes it and returns the focus.
        await keys.TabToAsync(AriaRole.Button, "Chat");
        await keys.PressAsync("Enter");
        var message = page.GetByLabel("Message", new() { Exact = true });
        await Assertions.Expect(message).ToBeFocusedAsync();
        await keys.AssertFocusVisibleAsync();
        await keys.TypeAsync("Typed without a mouse");
        await keys.PressAsync("Enter");
        await Assertions.Expect(kay.ChatLog()).ToContainTextAsync("Typed without a mouse");
        // No trap: Tab leaves the message box for the rest of the panel and then the call's controls.
        await keys.TabToAsync(AriaRole.Button, "Participants");
        await keys.TabToAsync(message, backwards: true);
        await keys.PressAsync("Escape");
        await Assertions.Expect(kay.Button("Chat")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "In-call messages" })).ToBeHiddenAsync();

        await keys.TabToAsync(AriaRole.Button, "Participants");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List).GetByText("Kay Board (you)")).ToBeVisibleAsync();
        await keys.TabToAsync(AriaRole.Button, "Close participants");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToBeHiddenAsync();
        await Assertions.Expect(kay.Button("Participants")).ToBeFocusedAsync();

        await keys.TabToAsync(kay.Button("Leave meeting"), backwards: true);
        await keys.PressAsync("Enter");
        // The focus moves to the heading of the screen after the call, not to the page's body.
        var left = page.GetByRole(AriaRole.Heading, new() { Name = "You left the meeting" });
        await Assertions.Expect(left).ToBeVisibleAsync();
        await Assertions.Expect(left).ToBeFocusedAsync();
        await keys.TabToAsync(AriaRole.Link, "Return to dashboard");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
    }
}
