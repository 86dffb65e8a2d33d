using System.Collections.Concurrent;
using MeetSite.Tests.Browser;
using MeetSite.Tests.Nat;
using Microsoft.Playwright;

namespace MeetSite.Tests.Netem;

/// <summary>
/// Two network namespaces and one veth link between them (impaired-link.sh): "srv" runs MeetSite
/// (198.51.100.1:8080) and a Chromium, "far" (198.51.100.2) the other Chromium, whose sending side of the
/// link the test can impair. Everything is removed on dispose, at process exit, and (for killed runs) by the next run.
/// </summary>
public sealed class ImpairedLinkBed : IAsyncDisposable
{
    public const string Prefix = "ux";
    public const string SiteAddress = "http://198.51.100.1:8080";

    private static readonly ConcurrentDictionary<ImpairedLinkBed, byte> Live = new();
    private static int _count;

    private readonly string _id = $"{Prefix}{Environment.ProcessId}x{Interlocked.Increment(ref _count)}";
    private readonly string _dir;
    private readonly Dictionary<string, IBrowser> _browsers = [];
    private ChildProcess? _site;
    private IPlaywright? _playwright;

    static ImpairedLinkBed()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var bed in Live.Keys)
            {
                bed.TearDownNetwork();
            }
        };
        RunNatBedScript("stale", Prefix).GetAwaiter().GetResult();
    }

    private ImpairedLinkBed() => _dir = Directory.CreateTempSubdirectory(_id).FullName;

    /// <summary>What <see cref="ImpairAsync"/> applied: netem's loss and delay, or loss alone where the kernel has no netem.</summary>
    public string? Impairment { get; private set; }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Netem", "impaired-link.sh");

    public static async Task<ImpairedLinkBed> StartAsync()
    {
        var bed = new ImpairedLinkBed();
        Live[bed] = 0;
        try
        {
            await bed.StartNetworkAsync();
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>A person on side "srv" or "far": their own browser context on that side's Chromium.</summary>
    public async Task<Participant> NewParticipantAsync(string displayName, string side)
    {
        var context = await _browsers[side].NewContextAsync(new()
        {
            BaseURL = SiteAddress,
            Permissions = ["camera", "microphone"],
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        await context.AddInitScriptAsync(scriptPath: BrowserFixture.Script("record-peers.js"));
        context.SetDefaultTimeout(20_000);
        return new Participant(displayName, context, await context.NewPageAsync());
    }

    /// <summary>10% loss and 300 ms delay on everything "far" sends (tc netem); 10% loss alone where netem is missing.</summary>
    public async Task ImpairAsync()
    {
        try
        {
            await RunScript("impair", _id, "netem");
            Impairment = "tc netem: 10% loss, 300 ms delay";
        }
        catch (InvalidOperationException)
        {
            await RunScript("impair", _id, "loss");
            Impairment = "iptables statistic: 10% random loss (this kernel has no netem, so no added delay)";
        }
    }

    public Task ClearImpairmentAsync() => RunScript("clear", _id);

    private async Task StartNetworkAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The impaired link is made of Linux network namespaces.");
        }
        await RunScript("up", _id);
        _site = ChildProcess.Start("ip", ["netns", "exec", $"{_id}srv", "dotnet", NatBed.SiteDll, "--urls", SiteAddress], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__MeetSite"] = $"Data Source={Path.Combine(_dir, "meetsite.db")}",
            ["Identity__Bcrypt__WorkFactor"] = "4",
            ["RateLimits__Login__PermitsPerMinute"] = "10000",
        }, Path.GetDirectoryName(NatBed.SiteDll));
        await WaitForSiteAsync();
        _playwright = await Playwright.CreateAsync();
        foreach (var side in new[] { "srv", "far" })
        {
            var wrapper = Path.Combine(_dir, $"chromium-{side}.sh");
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {_id}{side} {BrowserFixture.ChromiumPath} \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            _browsers[side] = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = wrapper,
                Headless = true,
                // Each browser has only its own side's address: media crosses the veth link, nothing else.
                Args = [.. BrowserFixture.LaunchArgs.Where(arg => arg != "--allow-loopback-in-peer-connection"),
                    $"--unsafely-treat-insecure-origin-as-secure={SiteAddress}"],
            });
        }
    }

    private async Task WaitForSiteAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_site!.HasExited)
        {
            try
            {
                await ChildProcess.RunAsync("ip", "netns", "exec", $"{_id}srv", "bash", "-c", "exec 3<>/dev/tcp/198.51.100.1/8080");
                return;
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(200);
            }
        }
        throw new InvalidOperationException($"MeetSite does not listen on {SiteAddress}. Its output:\n{_site!.Output}");
    }

    private static Task RunScript(params string[] args) => ChildProcess.RunAsync("bash", [Script, .. args]);

    /// <summary>nat-bed.sh's <c>down</c> and <c>stale</c> remove namespaces by name, whatever bed made them.</summary>
    private static Task RunNatBedScript(params string[] args) =>
        ChildProcess.RunAsync("bash", [Path.Combine(AppContext.BaseDirectory, "Nat", "nat-bed.sh"), .. args]);

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
        {
            await browser.CloseAsync();
        }
        _playwright?.Dispose();
        TearDownNetwork();
        Live.TryRemove(this, out _);
        Directory.Delete(_dir, recursive: true);
    }

    private void TearDownNetwork()
    {
        _site?.Dispose();
        _site = null;
        RunNatBedScript("down", _id).GetAwaiter().GetResult();
    }
}
