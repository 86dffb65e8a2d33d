using System.Runtime.Versioning;
using MeetSite.Tests.Browser;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Nat;

/// <summary>What the namespace test beds (the NAT bed, the impaired link) do inside a namespace of theirs.</summary>
internal static class InNamespace
{
    /// <summary>Chromium run by <c>ip netns exec</c> (through a wrapper script in <paramref name="dir"/>): only that namespace's addresses.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright, string ns, string dir, string siteAddress)
    {
        var wrapper = Path.Combine(dir, $"chromium-{ns}.sh");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {ns} {BrowserFixture.ChromiumPath} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = wrapper,
            Headless = true,
            // No loopback candidates: each browser has only its own namespace's address.
            Args = [.. BrowserFixture.LaunchArgs.Where(arg => arg != "--allow-loopback-in-peer-connection"),
                $"--unsafely-treat-insecure-origin-as-secure={siteAddress}"],
        });
    }

    /// <summary>A person with their own browser context on <paramref name="browser"/>.</summary>
    public static async Task<Participant> NewParticipantAsync(IBrowser browser, string siteAddress, string displayName)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = siteAddress,
            Permissions = ["camera", "microphone"],
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        await context.AddInitScriptAsync(scriptPath: BrowserFixture.Script("record-peers.js"));
        context.SetDefaultTimeout(20_000);
        return new Participant(displayName, context, await context.NewPageAsync());
    }

    /// <summary>Waits until <paramref name="server"/> accepts TCP on <paramref name="host"/>:<paramref name="port"/>, seen from <paramref name="ns"/>.</summary>
    public static async Task WaitForTcpAsync(string ns, string host, int port, ChildProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                await ChildProcess.RunAsync("ip", "netns", "exec", ns, "bash", "-c", $"exec 3<>/dev/tcp/{host}/{port}");
                return;
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(200);
            }
        }
        throw new InvalidOperationException($"Nothing listens on {host}:{port}. Its output:\n{server.Output}");
    }

    /// <summary>The site's environment in a bed: its own SQLite file in <paramref name="dir"/>, test-speed hashing, no log-in limit.</summary>
    public static Dictionary<string, string> SiteEnvironment(string dir) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["ConnectionStrings__MeetSite"] = $"Data Source={Path.Combine(dir, "meetsite.db")}",
        ["Identity__Bcrypt__WorkFactor"] = "4",
        ["RateLimits__Login__PermitsPerMinute"] = "10000",
    };
}
