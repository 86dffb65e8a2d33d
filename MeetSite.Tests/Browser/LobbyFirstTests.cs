using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// The lobby comes up before the call's code (meeting.js first, room.js and its tree after): a person
/// on a slow link sees their camera and can press "Join now" while the rest is still on its way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LobbyFirstTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lobby_works_and_join_waits_while_the_calls_code_is_still_loading()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Lobby");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        var released = new TaskCompletionSource();
        await ada.Page.RouteAsync("**/js/room.js", async route =>
        {
            await released.Task;
            await route.ContinueAsync();
        });

        await ada.Page.GotoAsync(link);
        var join = ada.Page.GetByRole(AriaRole.Button, new() { Name = "Join now" });
        await Assertions.Expect(join).ToBeEnabledAsync();
        await PreviewPlaysAsync(ada.Page);
        await ada.Button("Microphone").First.ClickAsync();
        await Assertions.Expect(ada.Button("Microphone").First).ToHaveAttributeAsync("aria-pressed", "false");

        await join.ClickAsync();
        await Assertions.Expect(join).ToBeDisabledAsync();
        Assert.False(await ada.Tile("Ada Lobby (you)").IsVisibleAsync(), "joined before the call's code had loaded");

        released.SetResult();
        await Assertions.Expect(ada.Tile("Ada Lobby (you)")).ToBeVisibleAsync();
        await Assertions.Expect(ada.Status()).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Connected"));
        // The choice made in the lobby holds in the call.
        await Assertions.Expect(ada.Button("Microphone").Last).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task When_the_calls_code_cannot_load_join_says_so()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Offline");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.Page.RouteAsync("**/js/room.js", route => route.AbortAsync("internetdisconnected"));

        await ada.Page.GotoAsync(link);
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Join now" }).ClickAsync();

        await Assertions.Expect(ada.Page.GetByText("The meeting could not load. Check your connection, then reload the page."))
            .ToBeVisibleAsync();
    }

    /// <summary>The lobby's own preview decodes frames: its time moves on and it has a size.</summary>
    private static async Task PreviewPlaysAsync(IPage page)
    {
        const string Probe = "() => { const v = document.querySelector('[data-preview-video]'); return [v.currentTime, v.videoWidth]; }";
        await page.WaitForFunctionAsync("() => document.querySelector('[data-preview-video]').currentTime > 0");
        var before = await page.EvaluateAsync<double[]>(Probe);
        await page.WaitForTimeoutAsync(500);
        var after = await page.EvaluateAsync<double[]>(Probe);
        Assert.True(after[0] > before[0], $"the preview stood still at {before[0]} s");
        Assert.True(after[1] > 0, "the preview has no video size");
    }
}
