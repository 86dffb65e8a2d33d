using System.Text.Json;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// Moves through a page with Tab and Shift+Tab only, as a keyboard user does. At every stop the focused
/// element must show a focus indicator (an outline, or a ring drawn by its own or its parent's box-shadow)
/// and be on screen; reaching a control that Tab never reaches (a trap, or a control left out of the order)
/// fails with the stops visited.
/// </summary>
public sealed class KeyboardOnly(IPage page)
{
    private const int MaxStops = 60;

    private const string FocusState = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return { where: 'body', problem: null };
          const where = e.tagName.toLowerCase() + ' "' + (e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent || e.value || '').trim().slice(0, 40) + '"';
          if (!e.matches(':focus-visible')) return { where, problem: 'not :focus-visible' };
          const shows = (n) => { const s = getComputedStyle(n); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
          if (!shows(e) && !(e.parentElement && shows(e.parentElement))) return { where, problem: 'no focus indicator' };
          const r = e.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) return { where, problem: 'off screen' };
          return { where, problem: null };
        }
        """;

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus.</summary>
    public async Task TabToAsync(ILocator target, bool backwards = false)
    {
        var visited = new List<string>();
        for (var stop = 0; stop <= MaxStops; stop++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                await AssertFocusVisibleAsync();
                return;
            }
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            var state = await FocusAsync();
            visited.Add(state.Where);
            Assert.True(state.Problem is null, $"Focus on {state.Where}: {state.Problem}. Stops so far: {string.Join(" → ", visited)}");
        }
        Assert.Fail($"Tab never reached {target} in {MaxStops} stops (a trap, or left out of the order): {string.Join(" → ", visited)}");
    }

    public Task TabToAsync(AriaRole role, string name) => TabToAsync(page.GetByRole(role, new() { Name = name, Exact = true }));

    public async Task AssertFocusVisibleAsync()
    {
        var state = await FocusAsync();
        Assert.True(state.Problem is null, $"Focus on {state.Where}: {state.Problem}");
    }

    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

    public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);

    private async Task<FocusStop> FocusAsync()
    {
        var state = await page.EvaluateAsync<JsonElement>(FocusState);
        return new(state.GetProperty("where").GetString()!, state.GetProperty("problem").GetString());
    }

    private sealed record FocusStop(string Where, string? Problem);
}
