using System.Net;
using System.Text.RegularExpressions;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// The foundation journey: someone starts a meeting, a newcomer follows the link and, whichever way they
/// take through log in and registration, lands in its lobby.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InviteJourneyTests(BrowserFixture browser)
{
    private static readonly string? Screenshots = Environment.GetEnvironmentVariable("MEETSITE_SCREENSHOTS");

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
        await Expect(guest.Page.GetByText($"You're invited to meeting {code}")).ToBeVisibleAsync();
        await Shoot(guest.Page, "invite-login");
        await FooterLink(guest, "Create account").ClickAsync();
        await guest.RegisterAsync(openForm: false);

        await LandsInLobbyAsync(guest, inviteLink);
        await guest.Page.GotoAsync("/Dashboard");
        await Expect(guest.Page.GetByRole(AriaRole.Link, new() { Name = code })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_header_create_account_button_keeps_the_invite()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await browser.NewParticipantAsync("Header Register");
        await guest.Page.GotoAsync(inviteLink);

        await HeaderLink(guest, "Create account").ClickAsync();
        await Expect(guest.Page.GetByText("You're invited to meeting")).ToBeVisibleAsync();
        await guest.RegisterAsync(openForm: false);

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task The_header_log_in_button_keeps_the_invite()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await RegisteredGuestAsync("Header Login");
        await guest.Page.GotoAsync(inviteLink);

        await HeaderLink(guest, "Create account").ClickAsync();
        await HeaderLink(guest, "Log in").ClickAsync();
        await guest.LoginAsync();

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task Logging_in_straight_away_lands_in_the_meeting()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await RegisteredGuestAsync("Direct Login");
        await guest.Page.GotoAsync(inviteLink);

        await guest.LoginAsync();

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task The_form_links_to_register_and_back_to_log_in_keep_the_invite()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await RegisteredGuestAsync("Form Links");
        await guest.Page.GotoAsync(inviteLink);

        await FooterLink(guest, "Create account").ClickAsync();
        await FooterLink(guest, "Log in").ClickAsync();
        await guest.LoginAsync();

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task A_failed_log_in_then_the_right_password_lands_in_the_meeting()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await RegisteredGuestAsync("Second Try");
        await guest.Page.GotoAsync(inviteLink);

        await guest.LoginAsync("not my password");
        await Expect(guest.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        await guest.LoginAsync();

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task A_failed_log_in_then_the_header_create_account_button_lands_in_the_meeting()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await browser.NewParticipantAsync("No Account Yet");
        await guest.Page.GotoAsync(inviteLink);

        await guest.LoginAsync();
        await Expect(guest.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        await HeaderLink(guest, "Create account").ClickAsync();
        await guest.RegisterAsync(openForm: false);

        await LandsInLobbyAsync(guest, inviteLink);
    }

    [Fact]
    public async Task A_failed_registration_then_a_corrected_one_lands_in_the_meeting()
    {
        var inviteLink = await NewMeetingAsync();
        await using var guest = await browser.NewParticipantAsync("Typo Fixed");
        await guest.Page.GotoAsync(inviteLink);
        await FooterLink(guest, "Create account").ClickAsync();

        await guest.Page.GetByLabel("Email").FillAsync(guest.Email);
        await guest.Page.GetByLabel("Display name").FillAsync(guest.DisplayName);
        await guest.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(FormClient.Password);
        await guest.Page.GetByLabel("Confirm password").FillAsync("a typo in it");
        await guest.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(guest.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        await guest.RegisterAsync(openForm: false);

        await LandsInLobbyAsync(guest, inviteLink);
    }

    /// <summary>A meeting started by a host account made over HTTP (the host's browser is not needed).</summary>
    private async Task<string> NewMeetingAsync()
    {
        using var host = Forms();
        Assert.Equal(HttpStatusCode.Redirect, (await host.RegisterAsync(FormClient.NewEmail(), "Invite Host")).StatusCode);
        return new Uri(browser.BaseAddress, "/m/" + await host.NewMeetingAsync()).ToString();
    }

    /// <summary>A browser whose person already has an account (registered over HTTP), not signed in.</summary>
    private async Task<Participant> RegisteredGuestAsync(string displayName)
    {
        var guest = await browser.NewParticipantAsync(displayName);
        using var forms = Forms();
        Assert.Equal(HttpStatusCode.Redirect, (await forms.RegisterAsync(guest.Email, displayName)).StatusCode);
        return guest;
    }

    private FormClient Forms() =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = browser.BaseAddress });

    private static async Task LandsInLobbyAsync(Participant guest, string inviteLink)
    {
        await guest.Page.WaitForURLAsync(inviteLink);
        await Expect(guest.Page.GetByRole(AriaRole.Heading, new() { Name = "Ready to join?" })).ToBeVisibleAsync();
        await Expect(guest.Button("Join now")).ToBeVisibleAsync();
    }

    private static ILocator HeaderLink(Participant person, string name) =>
        person.Page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = name });

    private static ILocator FooterLink(Participant person, string name) =>
        person.Page.Locator(".card__footer").GetByRole(AriaRole.Link, new() { Name = name });

    private static async Task Shoot(IPage page, string name)
    {
        if (Screenshots is not null)
        {
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
