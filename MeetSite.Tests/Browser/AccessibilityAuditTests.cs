using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on every page and state a person goes through: 0 violations each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityAuditTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_register_log_in_with_errors_and_the_dashboard_with_history_have_no_violations()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Audit");
        await ada.Page.GotoAsync("/");
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the home page");

        await ada.Page.GotoAsync("/Account/Register");
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the register page");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the register page with errors");

        await ada.Page.GotoAsync("/Account/Login");
        await ada.LoginAsync("not the password");
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the log in page with errors");

        await ada.RegisterAndStartMeetingAsync();
        await ada.Page.GotoAsync("/Dashboard");
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Recent meetings" })).ToBeVisibleAsync();
        await Assertions.Expect(ada.Page.Locator(".history__item")).ToHaveCountAsync(1);
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the dashboard with history");
    }

    [Fact]
    public async Task The_lobby_a_call_of_one_chat_people_and_screen_share_have_no_violations()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Alone");
        await ada.RegisterAndStartMeetingAsync();
        await LobbyReadyAsync(ada);
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the lobby");

        await ada.JoinAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with 1 person");

        await ada.OpenChatAsync();
        await Assertions.Expect(ada.Page.GetByText("Messages can be seen by everyone")).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with the chat open and empty");

        await ada.SendChatAsync("Hello, is anyone there?");
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("Hello, is anyone there?");
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with the chat open and a message");

        await ada.Button("Participants").ClickAsync();
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with the people panel open");
        await ada.Button("Close participants").ClickAsync();

        await ada.Button("Share screen").ClickAsync();
        await Assertions.Expect(ada.Button("Share screen")).ToHaveAttributeAsync("aria-pressed", "true");
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call while sharing the screen");

        await ada.Button("Leave meeting").ClickAsync();
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "You left the meeting" })).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(ada.Page, "the page after leaving");
    }

    [Fact]
    public async Task A_call_of_four_has_no_violations()
    {
        // The lightest four: only the host encodes video; the three guests have no camera or microphone.
        await using var ada = await browser.NewParticipantAsync("Ada Four");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await LobbyReadyAsync(ada);
        await ada.JoinAsync();
        var guests = new List<Participant>();
        try
        {
            foreach (var name in new[] { "Bob Four", "Cyd Four", "Dee Four" })
            {
                var guest = await browser.NewParticipantAsync(name, withDevices: false);
                guests.Add(guest);
                await guest.OpenMeetingAsNewUserAsync(link);
                await LobbyReadyAsync(guest, camera: false);
                await guest.JoinAsync();
            }
            foreach (var guest in guests)
            {
                await Assertions.Expect(ada.Tile(guest.DisplayName)).ToBeVisibleAsync();
            }
            await MediaAssert.PlaysAsync(guests[^1], ada.DisplayName);
            await Assertions.Expect(ada.Page.GetByRole(AriaRole.Figure)).ToHaveCountAsync(4);
            await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with 4 people (the host's view)");
            await AxeAudit.AssertNoViolationsAsync(guests[^1].Page, "a call with 4 people (a guest's view)");

            // The connection indicators: a guest's tile (what reaches Ada from them) and Ada's own (her uplink).
            var guestQuality = ada.Tile("Bob Four").GetByRole(AriaRole.Button, new() { Name = "Connection:" });
            await guestQuality.ClickAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(ada.Tile("Bob Four").GetByText("Round trip")).ToBeVisibleAsync();
            await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with a tile's connection details open");
            await guestQuality.ClickAsync();
            await ada.Tile("Ada Four (you)").GetByRole(AriaRole.Button, new() { Name = "Your connection:" }).ClickAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(ada.Tile("Ada Four (you)").GetByText("Your uplink")).ToBeVisibleAsync();
            await AxeAudit.AssertNoViolationsAsync(ada.Page, "a call with one's own uplink details open");
        }
        finally
        {
            foreach (var guest in guests)
            {
                await guest.DisposeAsync();
            }
        }
    }

    /// <summary>On two busy cores the fake camera can take longer than an assertion's 5 s to open.</summary>
    internal static async Task LobbyReadyAsync(Participant person, bool camera = true)
    {
        await Assertions.Expect(person.Button("Join now")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var lobbyStarted = camera
            ? Assertions.Expect(person.Page.GetByRole(AriaRole.Combobox, new() { Name = "Camera" })).ToBeEnabledAsync(new() { Timeout = 30_000 })
            : Assertions.Expect(person.Page.GetByText("No camera or microphone is available")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await lobbyStarted;
    }
}
