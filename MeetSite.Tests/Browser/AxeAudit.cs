using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MeetSite.Tests.Browser;

/// <summary>
/// Runs axe-core (the npm package in wwwroot-src/node_modules, installed by `npm ci` from its lock file) in a
/// page against WCAG 2.1 A and AA, and fails with every violation spelled out. The script is evaluated
/// through the DevTools protocol, which the page's Content-Security-Policy does not govern, so the page is
/// audited with its real CSP.
/// </summary>
public static class AxeAudit
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(AxePath));

    /// <summary>axe.min.js in the repository's wwwroot-src/node_modules (found from the test's bin folder).</summary>
    public static string AxePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "wwwroot-src", "node_modules", "axe-core", "axe.min.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
                if (File.Exists(Path.Combine(dir.FullName, "MeetSite.sln")))
                {
                    break;
                }
            }
            throw new InvalidOperationException("axe-core is not installed: run `npm ci` in wwwroot-src (.ci/test.sh does).");
        }
    }

    /// <summary>Audits the page as it is now; <paramref name="state"/> names it in the failure message.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        var found = await ViolationsAsync(page);
        Assert.True(found.Count == 0, $"axe-core found {found.Count} WCAG 2.1 A/AA violation(s) in {state}:\n{string.Join("\n", found)}");
    }

    /// <summary>The page's violations as it is now, each spelled out with the elements at fault.</summary>
    public static async Task<List<string>> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        var violations = await page.EvaluateAsync<JsonElement>(
            "async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations"
            + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) }))",
            Tags);
        return violations.EnumerateArray().Select(Describe).ToList();
    }

    private static string Describe(JsonElement violation) =>
        $"- {violation.GetProperty("id")} ({violation.GetProperty("impact")}): {violation.GetProperty("help")}\n    "
        + string.Join("\n    ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
}

/// <summary>
/// Audits the states of one walk through the site and fails at the end with all their violations, not at the
/// first: one run then shows everything there is to fix. Each state's findings are also written to the test's
/// output as they are found, so a walk that breaks off later still tells what it saw.
/// </summary>
public sealed class AxeFindings(ITestOutputHelper output)
{
    private readonly List<string> _found = [];
    private int _states;

    /// <summary>Audits the page as it is now, and again at a phone's size (390x844) when <paramref name="alsoOnPhone"/>.</summary>
    public async Task AuditAsync(IPage page, string state, bool alsoOnPhone = true)
    {
        await AuditNowAsync(page, state);
        if (alsoOnPhone && page.ViewportSize is { } size)
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.WaitForTimeoutAsync(300); // the grid lays out on a ResizeObserver callback
            await AuditNowAsync(page, state + " (phone)");
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    private async Task AuditNowAsync(IPage page, string state)
    {
        _states++;
        var violations = await AxeAudit.ViolationsAsync(page);
        if (violations.Count > 0)
        {
            var text = $"{state}: {violations.Count} violation(s)\n{string.Join("\n", violations)}";
            output.WriteLine(text);
            _found.Add(text);
        }
    }

    public void AssertNone()
    {
        output.WriteLine($"axe-core audited {_states} states.");
        Assert.True(_found.Count == 0, $"axe-core found WCAG 2.1 A/AA violations in {_found.Count} of {_states} states:\n{string.Join("\n", _found)}");
    }
}
