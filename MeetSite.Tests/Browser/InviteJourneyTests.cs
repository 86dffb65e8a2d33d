using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>The foundation journey: someone starts a meeting, a newcomer follows the link, registers and lands in it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InviteJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_newcomer_follows_the_invite_link_registers_and_lands_in_the_meeting()
    {
        await using var host = await browser.NewParticipantAsync("Grace Host");
        await host.Page.GotoAsync("/");
        await host.Page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).First.ClickAsync();
        await host.RegisterAsync(openForm: false);
        await host.Page.WaitForURLAsync("**/Dashboard");
        var inviteLink = await host.StartMeetingAsync();
        var code = new Uri(inviteLink).AbsolutePath["/m/".Length..];
        Assert.Matches("^[a-z]{3}-[a-z]{4}-[a-z]{3}$", code);

        await using var guest = await browser.NewParticipantAsync("Alan Guest");
        await guest.Page.GotoAsync(inviteLink);
        await Expect(guest.Page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2Fm%2F" + code));
        await guest.Page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).Last.ClickAsync();
        await guest.RegisterAsync(openForm: false);

        await guest.Page.WaitForURLAsync(inviteLink);
        await Expect(guest.Page.GetByText(code).First).ToBeVisibleAsync();
        await guest.Page.GotoAsync("/Dashboard");
        await Expect(guest.Page.GetByRole(AriaRole.Link, new() { Name = code })).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
