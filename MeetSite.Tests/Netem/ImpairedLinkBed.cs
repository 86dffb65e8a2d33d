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
    public Task<Participant> NewParticipantAsync(string displayName, string side) =>
        InNamespace.NewParticipantAsync(_browsers[side], SiteAddress, displayName);

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
        _site = ChildProcess.Start("ip", ["netns", "exec", $"{_id}srv", "dotnet", NatBed.SiteDll, "--urls", SiteAddress],
            InNamespace.SiteEnvironment(_dir), Path.GetDirectoryName(NatBed.SiteDll));
        await InNamespace.WaitForTcpAsync($"{_id}srv", "198.51.100.1", 8080, _site);
        _playwright = await Playwright.CreateAsync();
        foreach (var side in new[] { "srv", "far" })
        {
            _browsers[side] = await InNamespace.LaunchChromiumAsync(_playwright, $"{_id}{side}", _dir, SiteAddress);
        }
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
