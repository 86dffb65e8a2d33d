using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using MeetSite.Tests.Browser;
using MeetSite.Tests.Nat;
using Microsoft.Playwright;

namespace MeetSite.Tests.Netem;

/// <summary>
/// Two network namespaces joined through a router namespace (impaired-link.sh): "srv" runs MeetSite
/// (198.51.100.1:8080) and a Chromium, "far" (192.0.2.2) the other Chromium, whose sending direction the
/// test can impair, "mid" routes between them. Everything is removed on dispose, at process exit, and (for
/// killed runs) by the next run.
/// </summary>
public sealed class ImpairedLinkBed : IAsyncDisposable
{
    public const string Prefix = "ux";
    private const string SiteIp = "198.51.100.1";

    public const string SiteAddress = $"http://{SiteIp}:8080";

    private static readonly ConcurrentDictionary<ImpairedLinkBed, byte> Live = new();
    private static int _count;

    private readonly string _id = $"{Prefix}{Environment.ProcessId}x{Interlocked.Increment(ref _count)}";
    private readonly string _dir;
    private readonly Dictionary<string, IBrowser> _browsers = [];
    private ChildProcess? _site;
    private TunImpairer? _impairer;
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

    /// <summary>What <see cref="ImpairAsync"/> applied and how: tc netem, or <see cref="TunImpairer"/> where the kernel has no netem.</summary>
    public string? Impairment { get; private set; }

    /// <summary>The loss and the delay <see cref="ImpairAsync"/> adds to what "far" sends (one direction, as netem on one interface).</summary>
    public const double Loss = 0.1;

    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

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

    /// <summary>
    /// 10% loss and 300 ms delay on everything "far" sends: tc netem on its interface where the kernel has
    /// sch_netem, else the same figures from <see cref="TunImpairer"/> in "mid", on the same direction.
    /// </summary>
    public async Task ImpairAsync()
    {
        try
        {
            await RunScript("impair", _id, "netem");
            Impairment = "tc netem on far's interface: 10% loss, 300 ms delay";
            return;
        }
        catch (InvalidOperationException noNetem) when (noNetem.Message.Contains("qdisc kind is unknown", StringComparison.Ordinal))
        {
            // This kernel has no sch_netem (some VM kernels leave it out).
        }
        _impairer = TunImpairer.Start($"{_id}mid", "uxt0", Loss, Delay);
        await RunScript("impair", _id, "tun");
        Impairment = "TunImpairer in mid (this kernel has no netem): 10% loss, 300 ms delay";
    }

    /// <summary>Removes the impairment; returns what <see cref="TunImpairer"/> did, if it was used.</summary>
    public async Task<string?> ClearImpairmentAsync()
    {
        await RunScript("clear", _id);
        var counts = _impairer?.Counts;
        _impairer?.Dispose();
        _impairer = null;
        return counts;
    }

    /// <summary><paramref name="count"/> pings from "far" to the site's address: the loss and the average round trip.</summary>
    public async Task<(double LossPct, double AverageRttMs)> PingAsync(int count)
    {
        using var ping = ChildProcess.Start("ip", ["netns", "exec", $"{_id}far", "ping", "-n", "-q", "-c", $"{count}", "-i", "0.05", SiteIp]);
        await ping.WaitForExitAsync();
        var loss = Regex.Match(ping.Output, @"([\d.]+)% packet loss");
        var rtt = Regex.Match(ping.Output, @"= [\d.]+/([\d.]+)/");
        return loss.Success && rtt.Success
            ? (double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(rtt.Groups[1].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"ping (iputils-ping) gave no loss and round trip: {ping.Output}");
    }

    private async Task StartNetworkAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The impaired link is made of Linux network namespaces.");
        }
        await RunScript("up", _id);
        _site = ChildProcess.Start("ip", ["netns", "exec", $"{_id}srv", "dotnet", NatBed.SiteDll, "--urls", SiteAddress],
            InNamespace.SiteEnvironment(_dir), Path.GetDirectoryName(NatBed.SiteDll));
        await InNamespace.WaitForTcpAsync($"{_id}srv", SiteIp, 8080, _site);
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
        _impairer?.Dispose();
        _impairer = null;
        _site?.Dispose();
        _site = null;
        RunNatBedScript("down", _id).GetAwaiter().GetResult();
    }
}
