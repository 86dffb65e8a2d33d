using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// WCAG's reflow (1.4.10) and zoom (1.4.4): at 320 CSS pixels wide, and at 200% zoom of a 1280x800 window
/// (the same layout as a 640x400 viewport) and of a 1920x1080 screen (960x540), no page scrolls sideways, the
/// main controls stay on screen and the lobby's "Join now" is in view without scrolling;
/// and motion stops for people who ask their system for less. Saves screenshots to look at when
/// MEETSITE_SCREENSHOTS names a folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowAndMotionTests(BrowserFixture browser)
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("MEETSITE_SCREENSHOTS");

    public static TheoryData<string, int, int> Sizes => new()
    {
        { "320px", 320, 640 },
        { "zoom200", 640, 400 },
        { "zoom200-1080p", 960, 540 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Pages_and_the_call_fit_the_width_without_scrolling_sideways(string size, int width, int height)
    {
        await using var ada = await browser.NewParticipantAsync("Ada Narrowwidth");
        var page = ada.Page;
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync("/");
        await FitsAsync(page, $"home-{size}");
        await page.GotoAsync("/Account/Register");
        await FitsAsync(page, $"register-{size}");
        await ada.RegisterAndStartMeetingAsync();
        await AccessibilityAuditTests.LobbyReadyAsync(ada);
        await FitsAsync(page, $"lobby-{size}", ada.Button("Join now"));
        await InViewWithoutScrollingAsync(page, $"lobby-{size}", ada.Button("Join now"));

        // JoinAsync waits for the connection status by its role and name: the phone's bar has no room to show
        // it, but it must stay there for screen readers.
        await ada.JoinAsync();
        await Assertions.Expect(ada.Status()).ToHaveTextAsync(new Regex("^Connected"));
        await FitsAsync(page, $"call-{size}", ada.Button("Leave meeting"), ada.Button("Chat"), ada.Button("Microphone"));
        await ada.SendChatAsync("A message that is long enough to need wrapping on a narrow screen");
        await FitsAsync(page, $"call-chat-{size}", page.GetByLabel("Message", new() { Exact = true }), ada.Button("Send"), ada.Button("Close chat"));
        await ada.Button("Close chat").ClickAsync();
        await ada.Button("Participants").ClickAsync();
        await FitsAsync(page, $"call-people-{size}", ada.Button("Close participants"));
        await ada.Button("Close participants").ClickAsync();
        await ada.Button("Leave meeting").ClickAsync();
        await FitsAsync(page, $"left-{size}", page.GetByRole(AriaRole.Link, new() { Name = "Return to dashboard" }));
        await page.GotoAsync("/Dashboard");
        await FitsAsync(page, $"dashboard-{size}", page.GetByRole(AriaRole.Button, new() { Name = "New meeting" }));
    }

    [Fact]
    public async Task Transitions_stop_when_the_system_asks_for_reduced_motion()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Stillness");
        await ada.RegisterAndStartMeetingAsync();
        await AccessibilityAuditTests.LobbyReadyAsync(ada);
        await ada.JoinAsync();
        // The longest transition of a control button and of a tile's speaking ring, in seconds.
        const string Longest = "() => ['.ctl', '.tile'].map(s => Math.max(...getComputedStyle(document.querySelector(s), s === '.tile' ? '::after' : null).transitionDuration.split(',').map(parseFloat)))";

        Assert.All(await ada.Page.EvaluateAsync<double[]>(Longest), seconds => Assert.True(seconds >= 0.1, $"{seconds} s"));
        await ada.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.All(await ada.Page.EvaluateAsync<double[]>(Longest), seconds => Assert.True(seconds < 0.001, $"{seconds} s"));
    }

    /// <summary>The control is wholly on screen as the page first shows, before anyone scrolls.</summary>
    private static async Task InViewWithoutScrollingAsync(IPage page, string name, ILocator control)
    {
        var (width, height) = (page.ViewportSize!.Width, page.ViewportSize.Height);
        await page.EvaluateAsync("() => scrollTo(0, 0)");
        var box = await control.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
        Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height,
            $"{name}: {control} is at [{string.Join(", ", box)}], not wholly inside the {width}x{height} viewport without scrolling");
    }

    private static async Task FitsAsync(IPage page, string name, params ILocator[] onScreen)
    {
        var (width, height) = (page.ViewportSize!.Width, page.ViewportSize.Height);
        await page.WaitForTimeoutAsync(300); // the grid lays out on a ResizeObserver callback
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, innerWidth]");
        if (Folder is not null)
        {
            Directory.CreateDirectory(Folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png") });
        }
        Assert.True(widths[0] <= widths[1], $"{name}: the page is {widths[0]} px wide in a {widths[1]} px viewport");
        // Scrolling the page down is fine (pages are read top to bottom), as long as it brings the control fully
        // in view; the call screen does not scroll, so there the control must be in view as it is.
        foreach (var control in onScreen)
        {
            await page.EvaluateAsync("y => scrollTo(0, y)", await control.EvaluateAsync<double>("e => e.getBoundingClientRect().top + scrollY - 20"));
            var box = await control.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
            Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height,
                $"{name}: {control} is at [{string.Join(", ", box)}], not wholly inside the {width}x{height} viewport");
        }
    }
}
