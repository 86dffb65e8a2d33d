using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// Each meeting control in real calls: admit and deny, lock, raised hands in order, ask to mute,
/// remove (media stops everywhere within 2 s), end for all, and what a co-host may do.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingControlsCallTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task A_host_denies_then_admits_a_guest_who_asked_to_join_and_media_flows()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.OpenMeetingAsNewUserAsync(link);
        await bob.AskToJoinAsync();

        await Assertions.Expect(ada.JoinRequests()).ToContainTextAsync("Bob Guest wants to join");
        await ada.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "Deny Bob Guest", Exact = true }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "Your request to join was denied" })).ToBeVisibleAsync();
        await Assertions.Expect(bob.Page.GetByText("You can ask again 2 more times.")).ToBeVisibleAsync();
        await Assertions.Expect(ada.JoinRequests()).ToBeHiddenAsync();

        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Ask again" }).ClickAsync();
        await bob.AskToJoinAsync();
        await ada.OpenPeopleAsync();
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Admit Bob Guest", Exact = true }).ClickAsync();
        await bob.AdmittedAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);
        await MediaAssert.PlaysAsync(bob, "Ada Host", withAudio: true);
        await bob.OpenPeopleAsync();
        await Assertions.Expect(bob.PeoplePanelRole("Ada Host")).ToHaveTextAsync("Host");
    }

    [Fact]
    public async Task A_locked_meeting_turns_a_newcomer_away_and_the_call_goes_on()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.JoinAsNewUserAsync(link);

        await ada.OpenHostControlsAsync();
        var lockToggle = ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" });
        await Assertions.Expect(lockToggle).ToHaveAttributeAsync("aria-pressed", "false");
        await lockToggle.ClickAsync();
        await Assertions.Expect(lockToggle).ToHaveAttributeAsync("aria-pressed", "true");

        await using var cy = await browser.NewParticipantAsync("Cy Late");
        await cy.OpenMeetingAsNewUserAsync(link);
        await cy.Button("Join now").ClickAsync();
        await Assertions.Expect(cy.Page.GetByRole(AriaRole.Heading, new() { Name = "This meeting is locked" })).ToBeVisibleAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);

        await lockToggle.ClickAsync();
        await Assertions.Expect(lockToggle).ToHaveAttributeAsync("aria-pressed", "false");
        await cy.Page.GetByRole(AriaRole.Link, new() { Name = "Try again" }).ClickAsync();
        await cy.JoinAsync();
        await MediaAssert.PlaysAsync(cy, "Ada Host");
    }

    [Fact]
    public async Task Raised_hands_queue_in_order_show_on_tiles_and_are_lowered_by_owner_or_host()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.JoinAsNewUserAsync(link);
        await using var cy = await browser.NewParticipantAsync("Cy Guest");
        await cy.JoinAsNewUserAsync(link);
        await MediaAssert.PlaysAsync(ada, "Cy Guest");

        await cy.Button("Raise hand").ClickAsync();
        await Assertions.Expect(cy.Button("Raise hand")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(ada.Tile("Cy Guest").GetByText("Hand raised")).ToBeVisibleAsync();
        await bob.Button("Raise hand").ClickAsync();
        await Assertions.Expect(ada.Tile("Bob Guest").GetByText("Hand raised")).ToBeVisibleAsync();
        await Assertions.Expect(ada.Page.Locator("[data-announce]")).ToHaveTextAsync("Bob Guest raised their hand.");

        await ada.OpenPeopleAsync();
        var queue = ada.PeoplePanel().Locator("[data-hands-list] .people__name");
        await Assertions.Expect(queue).ToHaveTextAsync(["Cy Guest", "Bob Guest"]);
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Lower Cy Guest's hand" }).ClickAsync();
        await Assertions.Expect(queue).ToHaveTextAsync(["Bob Guest"]);
        await Assertions.Expect(cy.Button("Raise hand")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(ada.Tile("Cy Guest").GetByText("Hand raised")).ToBeHiddenAsync();

        await bob.Button("Raise hand").ClickAsync();
        await Assertions.Expect(ada.PeoplePanel().Locator("[data-hands-section]")).ToBeHiddenAsync();
        await Assertions.Expect(ada.Tile("Bob Guest").GetByText("Hand raised")).ToBeHiddenAsync();
        await MediaAssert.PlaysAsync(bob, "Cy Guest");
    }

    [Fact]
    public async Task Asked_to_mute_a_guest_is_muted_told_who_asked_and_only_they_unmute()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.JoinAsNewUserAsync(link);
        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);

        await ada.PersonActionAsync("Bob Guest", "Ask Bob Guest to mute");
        await Assertions.Expect(bob.Button("Microphone")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(bob.Page.GetByText("Ada Host asked you to mute.")).ToBeVisibleAsync();
        await Assertions.Expect(ada.Tile("Bob Guest").GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeVisibleAsync(WithinTwoSeconds);
        Assert.False(await bob.Page.EvaluateAsync<bool>("() => window.__peerConnections.some(pc => pc.getSenders().some(s => s.track?.kind === 'audio' && s.track.enabled))"));

        await bob.Button("Microphone").ClickAsync();
        await Assertions.Expect(ada.Tile("Bob Guest").GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeHiddenAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest", withAudio: true);
    }

    [Fact]
    public async Task A_removed_guest_is_told_their_media_stops_on_every_page_within_2_s_and_only_an_admit_brings_them_back()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.JoinAsNewUserAsync(link);
        await using var cy = await browser.NewParticipantAsync("Cy Guest");
        await cy.JoinAsNewUserAsync(link);
        await MediaAssert.PlaysAsync(ada, "Bob Guest");
        await MediaAssert.PlaysAsync(cy, "Bob Guest");
        await MediaAssert.PlaysAsync(bob, "Cy Guest");

        await ada.OpenPeopleAsync();
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Bob Guest" }).ClickAsync();
        await bob.WatchMediaStopAsync(openConnections: 0, goneTile: null, noLiveTracks: true);
        await ada.WatchMediaStopAsync(openConnections: 1, goneTile: "Bob Guest", noLiveTracks: false);
        await cy.WatchMediaStopAsync(openConnections: 1, goneTile: "Bob Guest", noLiveTracks: false);
        // The click's own moment, noted in Ada's page (the driver may take a while to deliver it).
        await ada.Page.EvaluateAsync("""
            () => document.addEventListener('click', (event) => {
              if (event.target.closest('button')?.textContent.trim() === 'Remove Bob Guest') window.__clickedAt = Date.now();
            }, true)
            """);
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Remove Bob Guest", Exact = true }).ClickAsync();
        var clickedAt = await ada.Page.EvaluateAsync<double>("() => window.__clickedAt");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "You were removed from the meeting" })).ToBeVisibleAsync();
        // Each page noted on its own clock when Bob's media was gone there: his connections closed and
        // camera and microphone stopped; Ada and Cy down to their one connection, Bob's tile gone.
        var stopped = new List<(string Page, double Ms)>();
        foreach (var person in new[] { bob, ada, cy })
        {
            stopped.Add((person.DisplayName, await person.MediaStoppedAtAsync() - clickedAt));
        }
        Assert.True(stopped.TrueForAll(s => s.Ms < 2_000),
            "Bob's media stopped after (ms from the click): " + string.Join(", ", stopped.Select(s => $"{s.Page} {s.Ms:F0}")));
        Assert.Equal((0, 0), await bob.MediaStateAsync());
        await MediaAssert.PlaysAsync(ada, "Cy Guest");

        // The meeting has no waiting room, but Bob has to ask now, and comes back only when admitted.
        await bob.Page.GotoAsync(link);
        await bob.AskToJoinAsync();
        // Ada still has the People panel open: it lists Bob as waiting (the card steps aside meanwhile).
        await Assertions.Expect(ada.JoinRequests()).ToBeHiddenAsync();
        await ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Admit Bob Guest", Exact = true }).ClickAsync();
        await bob.AdmittedAsync();
        await MediaAssert.PlaysAsync(bob, "Ada Host");
    }

    [Fact]
    public async Task Ending_for_all_tells_everyone_the_link_then_says_so_and_the_dashboard_shows_when()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.JoinAsNewUserAsync(link);
        await MediaAssert.PlaysAsync(bob, "Ada Host", withAudio: true);

        await ada.OpenHostControlsAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" }).ClickAsync();
        await ada.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End for everyone" }).ClickAsync();
        foreach (var person in new[] { ada, bob })
        {
            await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "This meeting has ended" })).ToBeVisibleAsync();
            await EventuallyAsync(async () => await person.MediaStateAsync() == (0, 0), $"{person.DisplayName}'s media stopped");
        }
        await Assertions.Expect(bob.Page.GetByText("Ada Host ended the meeting for everyone.")).ToBeVisibleAsync();

        await bob.Page.GotoAsync(link);
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "This meeting has ended" })).ToBeVisibleAsync();
        await Assertions.Expect(bob.Button("Join now")).ToHaveCountAsync(0);
        await ada.Page.GotoAsync("/Dashboard");
        await Assertions.Expect(ada.Page.Locator(".history__item").First).ToContainTextAsync(new Regex("Ended \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC"));
    }

    [Fact]
    public async Task A_co_host_admits_mutes_and_locks_but_cannot_end_or_act_on_the_host()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.OpenMeetingAsNewUserAsync(link);
        await bob.AskToJoinAsync();
        await ada.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "Admit Bob Guest", Exact = true }).ClickAsync();
        await bob.AdmittedAsync();
        await Assertions.Expect(bob.Button("Host controls")).ToBeHiddenAsync();

        await ada.PersonActionAsync("Bob Guest", "Make Bob Guest a co-host");
        await Assertions.Expect(bob.Button("Host controls")).ToBeVisibleAsync();
        await Assertions.Expect(ada.PeoplePanelRole("Bob Guest")).ToHaveTextAsync("Co-host");

        await using var cy = await browser.NewParticipantAsync("Cy Guest");
        await cy.OpenMeetingAsNewUserAsync(link);
        await cy.AskToJoinAsync();
        await bob.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "Admit Cy Guest", Exact = true }).ClickAsync();
        await cy.AdmittedAsync();
        await MediaAssert.PlaysAsync(cy, "Bob Guest");

        await bob.OpenHostControlsAsync();
        await Assertions.Expect(bob.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Lock meeting" })).ToBeVisibleAsync();
        await Assertions.Expect(bob.HostPanel().GetByRole(AriaRole.Button, new() { Name = "End meeting for all" })).ToBeHiddenAsync();
        await bob.HostPanel().GetByRole(AriaRole.Button, new() { Name = "Mute everyone" }).ClickAsync();
        await Assertions.Expect(cy.Button("Microphone")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(ada.Button("Microphone")).ToHaveAttributeAsync("aria-pressed", "true");

        await bob.OpenPeopleAsync();
        await Assertions.Expect(bob.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Cy Guest" })).ToBeVisibleAsync();
        await Assertions.Expect(bob.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Ada Host" })).ToHaveCountAsync(0);

        await ada.PersonActionAsync("Bob Guest", "Remove Bob Guest as co-host");
        await Assertions.Expect(bob.Button("Host controls")).ToBeHiddenAsync();
        await Assertions.Expect(bob.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Cy Guest" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_host_admits_a_guest_who_raises_a_hand_and_is_then_removed()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Host");
        var link = await ada.RegisterAndStartMeetingAsync();
        await ada.TabToAndPressAsync(ada.Button("Join now"));
        await ada.AdmittedAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Guest");
        await bob.OpenMeetingAsNewUserAsync(link);
        await bob.TabToAndPressAsync(bob.Button("Join now"));
        await Assertions.Expect(bob.Page.GetByText("Asking to join…")).ToBeVisibleAsync();

        await ada.TabToAndPressAsync(ada.JoinRequests().GetByRole(AriaRole.Button, new() { Name = "Admit Bob Guest", Exact = true }));
        await bob.AdmittedAsync();
        await bob.TabToAndPressAsync(bob.Button("Raise hand"));
        await Assertions.Expect(bob.Button("Raise hand")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(ada.Tile("Bob Guest").GetByText("Hand raised")).ToBeVisibleAsync();
        await MediaAssert.PlaysAsync(ada, "Bob Guest");

        await ada.TabToAndPressAsync(ada.Button("Participants"));
        await ada.TabToAndPressAsync(ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "More options for Bob Guest" }));
        // The menu takes the focus; Tab moves through it to Remove.
        await ada.TabToAndPressAsync(ada.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = "Remove Bob Guest", Exact = true }), maxTabs: 5);
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "You were removed from the meeting" })).ToBeVisibleAsync();
        await Assertions.Expect(ada.Tile("Bob Guest")).ToHaveCountAsync(0);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMs = 2_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {timeoutMs} ms: {what}.");
            await Task.Delay(50);
        }
    }
}

internal static class PeopleLocators
{
    /// <summary>The role label ("Host", "Co-host") beside a person in the People panel.</summary>
    public static ILocator PeoplePanelRole(this Participant viewer, string name) =>
        viewer.PeoplePanel().Locator("[data-people] .people__item").Filter(new() { HasText = name }).Locator(".people__role");
}
