using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>What a person does on the meeting page, written once for all call tests.</summary>
public static class CallSteps
{
    /// <summary>Registers a new account and starts a meeting (with its waiting room); returns the invite link.</summary>
    public static async Task<string> RegisterAndStartMeetingAsync(this Participant host)
    {
        await host.RegisterAsync();
        await host.Page.WaitForURLAsync("**/Dashboard");
        return await host.StartMeetingAsync();
    }

    /// <summary>
    /// The same with "Let people in without asking" ticked: for call tests about media, chat or
    /// transports, where guests come straight in (the waiting room has tests of its own).
    /// </summary>
    public static async Task<string> RegisterAndStartOpenMeetingAsync(this Participant host)
    {
        await host.RegisterAsync();
        await host.Page.WaitForURLAsync("**/Dashboard");
        return await host.StartMeetingAsync(openToAll: true);
    }

    /// <summary>Registers a new account, then opens the meeting (optionally with a query such as ?transport=longpoll).</summary>
    public static async Task OpenMeetingAsNewUserAsync(this Participant guest, string inviteLink, string query = "")
    {
        await guest.RegisterAsync();
        await guest.Page.WaitForURLAsync("**/Dashboard");
        await guest.Page.GotoAsync(inviteLink + query);
    }

    /// <summary>Clicks "Join now" and waits (by default Playwright's 5 s) for the own tile and a connected status.</summary>
    public static async Task JoinAsync(this Participant person, float? timeoutMs = null)
    {
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Join now" }).ClickAsync();
        await Assertions.Expect(person.Tile($"{person.DisplayName} (you)")).ToBeVisibleAsync(new() { Timeout = timeoutMs });
        await Assertions.Expect(person.Status()).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Connected"), new() { Timeout = timeoutMs });
    }

    public static ILocator Tile(this Participant viewer, string label) =>
        viewer.Page.GetByRole(AriaRole.Figure, new() { Name = label, Exact = true });

    public static ILocator Status(this Participant person) =>
        person.Page.GetByRole(AriaRole.Status, new() { Name = "Connection", Exact = true });

    public static ILocator Button(this Participant person, string name) =>
        person.Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens the chat panel (if closed), types and sends a message.</summary>
    public static async Task SendChatAsync(this Participant person, string text)
    {
        var chat = person.Button("Chat");
        if (await chat.GetAttributeAsync("aria-expanded") != "true")
        {
            await chat.ClickAsync();
        }
        await person.Page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await person.Button("Send").ClickAsync();
    }

    public static async Task OpenChatAsync(this Participant person)
    {
        var chat = person.Button("Chat");
        if (await chat.GetAttributeAsync("aria-expanded") != "true")
        {
            await chat.ClickAsync();
        }
    }

    public static ILocator ChatLog(this Participant person) => person.Page.GetByRole(AriaRole.Log);
}
