using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// A way to look at the meeting controls, not an assertion of looks: saves the notices and panels at
/// desktop and phone sizes as PNGs when MEETSITE_SCREENSHOTS names a folder (docs/screenshots/controls
/// holds the ones committed). Without it the test only walks through the screens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ControlsScreenshotTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_waiting_room_hands_host_controls_and_notices_render_at_desktop_and_phone_sizes()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Lovelace");
        await ada.RegisterAsync();
        await ada.Page.WaitForURLAsync("**/Dashboard");
        await Shoot(ada.Page, "dashboard-new-meeting-option");
        var link = await ada.StartMeetingAsync();

        await using var bob = await browser.NewParticipantAsync("Charles Babbage");
        await bob.OpenMeetingAsNewUserAsync(link);
        await bob.AskToJoinAsync();
        await Assertions.Expect(bob.Page.GetByText("No host is here yet", new() { Exact = false })).ToBeVisibleAsync();
        await ShootBoth(bob.Page, "asking-no-host");

        await ada.JoinAsync();
        await Assertions.Expect(bob.Page.GetByText("You'll join when a host lets you in.")).ToBeVisibleAsync();
        await ShootBoth(bob.Page, "asking");
        await using var cy = await browser.NewParticipantAsync("Grace Hopper");
        await cy.OpenMeetingAsNewUserAsync(link);
        await cy.AskToJoinAsync();
        await Assertions.Expect(ada.JoinRequests()).ToContainTextAsync("2 people want to join");
        await ShootBoth(ada.Page, "join-requests");
        await ada.OpenPeopleAsync();
        await ShootBoth(ada.Page, "people-waiting");

        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Deny Grace Hopper", Exact = true }).ClickAsync();
        await Assertions.Expect(cy.Page.GetByRole(AriaRole.Heading, new() { Name = "Your request to join was denied" })).ToBeVisibleAsync();
        await ShootBoth(cy.Page, "denied");
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Admit Charles Babbage", Exact = true }).ClickAsync();
        await bob.AdmittedAsync();
        await MediaAssert.PlaysAsync(ada, bob.DisplayName);

        await bob.Button("Raise hand").ClickAsync();
        await Assertions.Expect(ada.Tile(bob.DisplayName).GetByText("Hand raised")).ToBeVisibleAsync();
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = $"More options for {bob.DisplayName}" }).ClickAsync();
        await ShootBoth(ada.Page, "people-hands-and-options");
        await ShootBoth(bob.Page, "hand-raised-own");
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = $"Ask {bob.DisplayName} to mute", Exact = true }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByText("asked you to mute")).ToBeVisibleAsync();
        await ShootBoth(bob.Page, "asked-to-mute");

        await ada.OpenHostControlsAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" }).ClickAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" }).ClickAsync();
        await ShootBoth(ada.Page, "host-controls");
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" }).ClickAsync();

        await ada.PersonActionAsync(bob.DisplayName, $"Remove {bob.DisplayName}");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "You were removed from the meeting" })).ToBeVisibleAsync();
        await ShootBoth(bob.Page, "removed");

        await ada.OpenHostControlsAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" }).ClickAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End for everyone" }).ClickAsync();
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "This meeting has ended" })).ToBeVisibleAsync();
        await ada.Page.GotoAsync(link);
        await ShootBoth(ada.Page, "ended-link");
        await ada.Page.GotoAsync("/Dashboard");
        await Shoot(ada.Page, "dashboard-ended");
    }

    private static async Task ShootBoth(IPage page, string name)
    {
        await Shoot(page, name + "-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await Shoot(page, name + "-phone");
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static Task Shoot(IPage page, string name) => Screenshots.ShootAsync(page, name);
}
