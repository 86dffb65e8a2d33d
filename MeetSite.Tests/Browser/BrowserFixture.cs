using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>All browser test classes share one site and one Chromium, and run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The site on a loopback Kestrel port and Debian's Chromium with fake camera and microphone
/// (see shared/WEBRTC-TESTING.md). Set MEETSITE_CHROMIUM to use another Chromium or Chrome binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Chromium's flags for real calls with fake devices; the NAT tests reuse them.</summary>
    internal static readonly string[] LaunchArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--auto-select-desktop-capture-source=Entire screen",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;

    public TestSite Site { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("MEETSITE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}. Run the README's test command (it installs Debian's chromium) or set MEETSITE_CHROMIUM.");
        }
        BaseAddress = Site.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = LaunchArgs, Headless = true });
    }

    /// <summary>
    /// A new person: their own browser context (cookies), page and media devices. <paramref name="baseAddress"/>
    /// reaches the site another way (another site of the test's own, or a TLS proxy with a self-signed certificate).
    /// </summary>
    public async Task<Participant> NewParticipantAsync(string displayName, bool withDevices = true, Uri? baseAddress = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = (baseAddress ?? BaseAddress).ToString(),
            IgnoreHTTPSErrors = baseAddress?.Scheme == Uri.UriSchemeHttps,
            Permissions = withDevices ? ["camera", "microphone"] : [],
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        await context.AddInitScriptAsync(scriptPath: Script("record-peers.js"));
        await context.AddInitScriptAsync(scriptPath: Script("browser-shim.js"));
        if (!withDevices)
        {
            await context.AddInitScriptAsync(scriptPath: Script("no-devices-shim.js"));
        }
        context.SetDefaultTimeout(15_000);
        BrowserTrail.Follow(displayName, context);
        var page = await context.NewPageAsync();
        return new Participant(displayName, context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Site.Dispose();
    }

    internal static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Browser", name);
}
