using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>What hosts, co-hosts and guests do with the meeting controls, written once for the control tests.</summary>
public static class ControlSteps
{
    /// <summary>Registers, opens the meeting and joins a call that lets people in without asking.</summary>
    public static async Task JoinAsNewUserAsync(this Participant guest, string link)
    {
        await guest.OpenMeetingAsNewUserAsync(link);
        await guest.JoinAsync();
    }

    /// <summary>Clicks "Join now" where a host must let the person in: the lobby says it is asking.</summary>
    public static async Task AskToJoinAsync(this Participant guest)
    {
        await guest.Button("Join now").ClickAsync();
        await Assertions.Expect(guest.Page.GetByText("Asking to join…")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>After a host admitted the person: the own tile and a connected status.</summary>
    public static async Task AdmittedAsync(this Participant guest)
    {
        await Assertions.Expect(guest.Tile($"{guest.DisplayName} (you)")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(guest.Status()).ToHaveTextAsync(new Regex("^Connected"));
    }

    /// <summary>The card over the call that tells hosts who is asking to join.</summary>
    public static ILocator JoinRequests(this Participant host) => host.Page.Locator("section.knock");

    public static ILocator PeoplePanel(this Participant person) => person.Page.Locator("#people-panel");

    public static ILocator HostPanel(this Participant person) => person.Page.Locator("#host-panel");

    public static async Task OpenPeopleAsync(this Participant person)
    {
        var button = person.Button("Participants");
        if (await button.GetAttributeAsync("aria-expanded") != "true")
        {
            await button.ClickAsync();
        }
        await Assertions.Expect(person.PeoplePanel()).ToBeVisibleAsync();
    }

    public static async Task OpenHostControlsAsync(this Participant person)
    {
        var button = person.Button("Host controls");
        if (await button.GetAttributeAsync("aria-expanded") != "true")
        {
            await button.ClickAsync();
        }
        await Assertions.Expect(person.HostPanel()).ToBeVisibleAsync();
    }

    /// <summary>Opens "More options for NAME" in the People panel and clicks <paramref name="action"/>.</summary>
    public static async Task PersonActionAsync(this Participant host, string name, string action)
    {
        await host.OpenPeopleAsync();
        await host.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = $"More options for {name}", Exact = true }).ClickAsync();
        await host.PeoplePanel().GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (a keyboard-only path), then Enter.</summary>
    public static async Task TabToAndPressAsync(this Participant person, ILocator target, int maxTabs = 60)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                await person.Page.Keyboard.PressAsync("Enter");
                return;
            }
            await person.Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{person.DisplayName} could not reach {target} with Tab.");
    }

    // The page's peer connections that are not closed, and its media tracks still live.
    private const string MediaStateScript = """
        window.__mediaState = () => {
          const pcs = window.__peerConnections ?? [];
          const tracks = new Set();
          for (const video of document.querySelectorAll('video')) for (const t of video.srcObject?.getTracks?.() ?? []) tracks.add(t);
          for (const pc of pcs) for (const s of pc.getSenders()) if (s.track) tracks.add(s.track);
          return { open: pcs.filter((pc) => pc.connectionState !== 'closed').length,
                   live: [...tracks].filter((t) => t.readyState === 'live').length };
        };
        """;

    /// <summary>How many peer connections are not closed, and how many media tracks in the page are still live.</summary>
    public static async Task<(int OpenConnections, int LiveTracks)> MediaStateAsync(this Participant person)
    {
        var state = await person.Page.EvaluateAsync<JsonElement>($"() => {{ {MediaStateScript} return window.__mediaState(); }}");
        return (state.GetProperty("open").GetInt32(), state.GetProperty("live").GetInt32());
    }

    /// <summary>
    /// Starts a watch in the page that notes the page's own clock (Date.now(), one clock for every page on
    /// this machine) when its media reaches the state: at most <paramref name="openConnections"/> peer
    /// connections open, no tile named <paramref name="goneTile"/>, and, when <paramref name="noLiveTracks"/>,
    /// no live track. Timed in the page, so the test driver's own delays do not count.
    /// </summary>
    public static Task WatchMediaStopAsync(this Participant person, int openConnections, string? goneTile, bool noLiveTracks) =>
        person.Page.EvaluateAsync($$"""
            ([open, tile, noLive]) => {
              {{MediaStateScript}}
              window.__mediaStoppedAt = null;
              const timer = setInterval(() => {
                const state = window.__mediaState();
                const tileGone = !tile || ![...document.querySelectorAll('figure.tile')].some((f) => f.getAttribute('aria-label') === tile);
                if (state.open <= open && tileGone && (!noLive || state.live === 0)) {
                  window.__mediaStoppedAt = Date.now();
                  clearInterval(timer);
                }
              }, 20);
            }
            """, new object?[] { openConnections, goneTile, noLiveTracks });

    /// <summary>When (page clock, ms) the watch saw the media stop; waits for it up to 15 s.</summary>
    public static async Task<double> MediaStoppedAtAsync(this Participant person)
    {
        var handle = await person.Page.WaitForFunctionAsync("() => window.__mediaStoppedAt", null, new() { Timeout = 15_000 });
        return await handle.JsonValueAsync<double>();
    }
}
