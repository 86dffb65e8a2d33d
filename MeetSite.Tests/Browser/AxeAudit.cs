using System.Text.Json;
using Microsoft.Playwright;

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
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        var violations = await page.EvaluateAsync<JsonElement>(
            "async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations"
            + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) }))",
            Tags);
        var found = violations.EnumerateArray().Select(Describe).ToList();
        Assert.True(found.Count == 0, $"axe-core found {found.Count} WCAG 2.1 A/AA violation(s) in {state}:\n{string.Join("\n", found)}");
    }

    private static string Describe(JsonElement violation) =>
        $"- {violation.GetProperty("id")} ({violation.GetProperty("impact")}): {violation.GetProperty("help")}\n    "
        + string.Join("\n    ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
}
