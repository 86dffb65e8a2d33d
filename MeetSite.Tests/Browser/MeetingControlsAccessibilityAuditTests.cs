using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MeetSite.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on every notice, dialog and panel of the meeting controls, reached as
/// MeetingControlsCallTests reaches them: 0 violations each. Each test audits all its states and then fails
/// once with every state's violations, so one run shows all there is to fix.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingControlsAccessibilityAuditTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Asking_to_join_the_hosts_knock_card_and_waiting_list_denied_and_locked_out_have_no_violations()
    {
        var audit = new AxeFindings(output);
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartMeetingAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.OpenMeetingAsNewUserAsync(link);
        await AccessibilityAuditTests.LobbyReadyAsync(bob);
        await bob.AskToJoinAsync();
        await Assertions.Expect(bob.Page.GetByText("No host is here yet", new() { Exact = false })).ToBeVisibleAsync();
        await audit.AuditAsync(bob.Page, "asking to join while no host is there");

        await AccessibilityAuditTests.LobbyReadyAsync(ada);
        await ada.JoinAsync();
        await Assertions.Expect(bob.Page.GetByText("You'll join when a host lets you in.")).ToBeVisibleAsync();
        await audit.AuditAsync(bob.Page, "asking to join with a host there");
        await Assertions.Expect(ada.JoinRequests()).ToContainTextAsync("Bob Guest wants to join");
        await audit.AuditAsync(ada.Page, "the host's card of one person asking to join");

        // The third person needs no camera: the knocking is what is audited.
        await using var cy = await browser.NewParticipantAsync("Cy Guest", withDevices: false);
        await cy.OpenMeetingAsNewUserAsync(link);
        await AccessibilityAuditTests.LobbyReadyAsync(cy, camera: false);
        await cy.AskToJoinAsync();
        await Assertions.Expect(ada.JoinRequests()).ToContainTextAsync("2 people want to join");
        await Assertions.Expect(ada.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "Admit all" })).ToBeVisibleAsync();
        await audit.AuditAsync(ada.Page, "the host's card of two people asking to join, with Admit all");

        await ada.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "View all" }).ClickAsync();
        await Assertions.Expect(ada.PeoplePanel().GetByRole(AriaRole.Heading, new() { Name = "Waiting to join (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(ada.JoinRequests()).ToBeHiddenAsync();
        await audit.AuditAsync(ada.Page, "the People panel's waiting list with Admit, Deny and Admit all");

        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Deny Cy Guest", Exact = true }).ClickAsync();
        await ScreenAfterTheCallAsync(cy, "Your request to join was denied");
        await audit.AuditAsync(cy.Page, "the denied screen");

        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Admit Bob Guest", Exact = true }).ClickAsync();
        await bob.AdmittedAsync();
        await ada.OpenHostControlsAsync();
        var lockToggle = ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" });
        await lockToggle.ClickAsync();
        await Assertions.Expect(lockToggle).ToHaveAttributeAsync("aria-pressed", "true");
        await audit.AuditAsync(ada.Page, "the host controls with the meeting locked");

        await cy.Page.GetByRole(AriaRole.Link, new() { Name = "Ask again" }).ClickAsync();
        await AccessibilityAuditTests.LobbyReadyAsync(cy, camera: false);
        await cy.Button("Join now").ClickAsync();
        await ScreenAfterTheCallAsync(cy, "This meeting is locked");
        await audit.AuditAsync(cy.Page, "the locked-out screen");

        audit.AssertNone();
    }

    [Fact]
    public async Task Raised_hands_person_options_muted_notice_host_controls_end_confirmation_removed_and_ended_have_no_violations()
    {
        var audit = new AxeFindings(output);
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await AccessibilityAuditTests.LobbyReadyAsync(ada);
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.OpenMeetingAsNewUserAsync(link);
        await AccessibilityAuditTests.LobbyReadyAsync(bob);
        await bob.JoinAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest");

        await bob.Button("Raise hand").ClickAsync();
        await Assertions.Expect(ada.Tile("Bob Guest").GetByText("Hand raised")).ToBeVisibleAsync();
        await audit.AuditAsync(ada.Page, "a call with a raised hand on a tile");
        await audit.AuditAsync(bob.Page, "a call with one's own hand raised");

        await ada.OpenPeopleAsync();
        await Assertions.Expect(ada.PeoplePanel().GetByRole(AriaRole.Heading, new() { Name = "Raised hands" })).ToBeVisibleAsync();
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Bob Guest", Exact = true }).ClickAsync();
        await Assertions.Expect(ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Make Bob Guest a co-host", Exact = true })).ToBeVisibleAsync();
        await audit.AuditAsync(ada.Page, "the People panel with raised hands and a guest's options (mute, co-host, remove)");

        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Ask Bob Guest to mute", Exact = true }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByText("Ada Host asked you to mute.", new() { Exact = false })).ToBeVisibleAsync();
        await audit.AuditAsync(bob.Page, "the muted-by-the-host notice");

        await ada.PersonActionAsync("Bob Guest", "Make Bob Guest a co-host");
        await Assertions.Expect(ada.PeoplePanelRole("Bob Guest")).ToHaveTextAsync("Co-host");
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Bob Guest", Exact = true }).ClickAsync();
        await Assertions.Expect(ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Remove Bob Guest as co-host", Exact = true })).ToBeVisibleAsync();
        await audit.AuditAsync(ada.Page, "the People panel with a co-host's options");
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Bob Guest", Exact = true }).ClickAsync();
        await bob.OpenHostControlsAsync();
        await audit.AuditAsync(bob.Page, "a co-host's host controls");
        await bob.OpenPeopleAsync();
        await audit.AuditAsync(bob.Page, "a co-host's People panel");

        await ada.OpenHostControlsAsync();
        var lockToggle = ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" });
        await lockToggle.ClickAsync();
        await Assertions.Expect(lockToggle).ToHaveAttributeAsync("aria-pressed", "true");
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Waiting room" }).ClickAsync();
        await Assertions.Expect(ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Waiting room" })).ToHaveAttributeAsync("aria-pressed", "true");
        await audit.AuditAsync(ada.Page, "the host controls, locked and with the waiting room on");
        await Screenshots.ShootAsync(ada.Page, "host-controls-setting-hovered"); // the pointer is still on Waiting room
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" }).ClickAsync();
        await Assertions.Expect(ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End for everyone" })).ToBeVisibleAsync();
        await audit.AuditAsync(ada.Page, "the confirmation before ending the meeting for all");
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await ada.PersonActionAsync("Bob Guest", "Remove Bob Guest");
        await ScreenAfterTheCallAsync(bob, "You were removed from the meeting");
        await audit.AuditAsync(bob.Page, "the removed screen");

        await ada.OpenHostControlsAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" }).ClickAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End for everyone" }).ClickAsync();
        await ScreenAfterTheCallAsync(ada, "This meeting has ended");
        await audit.AuditAsync(ada.Page, "the meeting-ended screen in the call");
        await bob.Page.GotoAsync(link);
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "This meeting has ended" })).ToBeVisibleAsync();
        await audit.AuditAsync(bob.Page, "the ended meeting's link");

        audit.AssertNone();
    }

    /// <summary>
    /// The screen after the call (or instead of it) is shown, and the focus is on its heading: a keyboard or
    /// screen reader user starts there, not at the top of an empty page.
    /// </summary>
    private static async Task ScreenAfterTheCallAsync(Participant person, string heading)
    {
        var shown = person.Page.GetByRole(AriaRole.Heading, new() { Name = heading });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await Assertions.Expect(shown).ToBeFocusedAsync();
    }
}
