using System.Collections.Concurrent;
using MeetSite.Tests.Browser;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Nat;

/// <summary>How the two homes reach the internet, and what MeetSite offers them.</summary>
/// <param name="Symmetric">NATs that pick a random port per destination (MASQUERADE --random-fully).</param>
/// <param name="DropUdp">The NATs forward no UDP at all; only TCP gets out.</param>
/// <param name="TurnUrls">TURN URLs with short-lived credentials, or null for STUN only.</param>
/// <param name="SiteTurnSecret">The secret MeetSite signs with; null for coturn's own (a wrong one is a forgery).</param>
public sealed record NatSetup(bool Symmetric = false, bool DropUdp = false, IReadOnlyList<string>? TurnUrls = null, string? SiteTurnSecret = null);

/// <summary>
/// A test bed of network namespaces (nat-bed.sh): "pub" holds MeetSite (203.0.113.1:8080) and coturn
/// (203.0.113.1:3478, STUN and TURN, configured by deploy/coturn/turnserver.conf), and two homes each run
/// Chromium on a LAN behind their own NAT.
/// Everything is removed on dispose, at process exit, and (for runs that were killed) by the next run.
/// </summary>
public sealed class NatBed : IAsyncDisposable
{
    public const string Prefix = "mn";
    public const string Stun = "stun:203.0.113.1:3478";
    public const string TurnUdp = "turn:203.0.113.1:3478?transport=udp";
    public const string TurnTcp = "turn:203.0.113.1:3478?transport=tcp";
    public const string SiteAddress = "http://203.0.113.1:8080";

    private static readonly ConcurrentDictionary<NatBed, byte> Live = new();
    private static int _count;

    private readonly string _id = $"{Prefix}{Environment.ProcessId}x{Interlocked.Increment(ref _count)}";
    private readonly string _dir;
    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<string, IBrowser> _browsers = [];
    private IPlaywright? _playwright;

    static NatBed()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var bed in Live.Keys)
            {
                bed.TearDownNetwork();
            }
        };
        RunBedScript("stale", Prefix).GetAwaiter().GetResult();
    }

    private NatBed()
    {
        _dir = Directory.CreateTempSubdirectory(_id).FullName;
    }

    /// <summary>coturn's static-auth-secret; tests sign their own credentials with it.</summary>
    public string CoturnSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    internal ChildProcess? Coturn { get; private set; }

    internal ChildProcess? Site { get; private set; }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Nat", "nat-bed.sh");

    public static async Task<NatBed> StartAsync(NatSetup setup)
    {
        var bed = new NatBed();
        Live[bed] = 0;
        try
        {
            await bed.StartNetworkAsync(setup);
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>A person at home "a" or "b": their own browser context on that home's Chromium.</summary>
    public Task<Participant> NewParticipantAsync(string displayName, string home) =>
        InNamespace.NewParticipantAsync(_browsers[home], SiteAddress, displayName);

    private async Task StartNetworkAsync(NatSetup setup)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The NAT test bed is made of Linux network namespaces.");
        }
        await RunBedScript("up", _id, setup.Symmetric ? "symmetric" : "port-preserving", setup.DropUdp ? "no-udp" : "udp");
        var config = Path.Combine(_dir, "turnserver.conf");
        await File.WriteAllTextAsync(config, CoturnConfig.For("203.0.113.1", CoturnSecret, "meetsite.test", Path.Combine(_dir, "turnserver.pid"),
            verbose: Environment.GetEnvironmentVariable("MEETSITE_NAT_LOGS") is { Length: > 0 }));
        var coturn = Coturn = StartInPub("turnserver", "-c", config);
        var site = Site = StartInPub("dotnet", [SiteDll, "--urls", SiteAddress], SiteEnvironment(setup), Path.GetDirectoryName(SiteDll));
        await InNamespace.WaitForTcpAsync($"{_id}pub", "203.0.113.1", 3478, coturn);
        await InNamespace.WaitForTcpAsync($"{_id}pub", "203.0.113.1", 8080, site);

        _playwright = await Playwright.CreateAsync();
        foreach (var home in new[] { "a", "b" })
        {
            _browsers[home] = await InNamespace.LaunchChromiumAsync(_playwright, $"{_id}lan{home}", _dir, SiteAddress);
        }
    }

    private Dictionary<string, string> SiteEnvironment(NatSetup setup)
    {
        var environment = InNamespace.SiteEnvironment(_dir);
        environment["WebRtc__IceServers__0__Urls__0"] = Stun;
        for (var i = 0; i < setup.TurnUrls?.Count; i++)
        {
            environment[$"WebRtc__Turn__Urls__{i}"] = setup.TurnUrls[i];
            environment["WebRtc__Turn__Secret"] = setup.SiteTurnSecret ?? CoturnSecret;
        }
        return environment;
    }

    /// <summary>The site as built next to this test project (MeetSite/bin/&lt;configuration&gt;/&lt;framework&gt;).</summary>
    internal static string SiteDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var repo = testBin.Parent.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repo, "MeetSite", "bin", configuration, framework, "MeetSite.dll");
        }
    }

    private ChildProcess StartInPub(string file, string[] args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var child = ChildProcess.Start("ip", ["netns", "exec", $"{_id}pub", file, .. args], environment, workingDirectory);
        _processes.Add(child);
        return child;
    }

    private ChildProcess StartInPub(string file, params string[] args) => StartInPub(file, args, null, null);

    private static Task RunBedScript(params string[] args) => ChildProcess.RunAsync("bash", [Script, .. args]);

    public async ValueTask DisposeAsync()
    {
        // For a developer chasing a failure: MEETSITE_NAT_LOGS=<folder> keeps coturn's and the site's output.
        if (Environment.GetEnvironmentVariable("MEETSITE_NAT_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, $"{_id}-coturn.log"), Coturn?.Output);
            await File.WriteAllTextAsync(Path.Combine(logs, $"{_id}-site.log"), Site?.Output);
        }
        foreach (var browser in _browsers.Values)
        {
            await browser.CloseAsync();
        }
        _playwright?.Dispose();
        TearDownNetwork();
        Live.TryRemove(this, out _);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Ends this bed's own processes, then removes its namespaces.</summary>
    private void TearDownNetwork()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _processes.Clear();
        RunBedScript("down", _id).GetAwaiter().GetResult();
    }
}
