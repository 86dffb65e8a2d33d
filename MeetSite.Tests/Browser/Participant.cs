using System.Text.Json;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>One person in a browser: registers, logs in and moves around the site as a user would.</summary>
public sealed class Participant(string displayName, IBrowserContext context, IPage page) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string> MediaProbeScript = new(() => File.ReadAllText(BrowserFixture.Script("media-probe.js")));

    public string DisplayName { get; } = displayName;
    public string Email { get; } = FormClient.NewEmail();
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;

    /// <summary>Fills in the Create account form on the current page (or opens it) and submits it.</summary>
    public async Task RegisterAsync(bool openForm = true)
    {
        if (openForm)
        {
            await Page.GotoAsync("/Account/Register");
        }
        await Page.GetByLabel("Email").FillAsync(Email);
        await Page.GetByLabel("Display name").FillAsync(DisplayName);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(FormClient.Password);
        await Page.GetByLabel("Confirm password").FillAsync(FormClient.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    /// <summary>Fills in the Log in form on the current page and submits it.</summary>
    public async Task LoginAsync(string password = FormClient.Password)
    {
        await Page.GetByLabel("Email").FillAsync(Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>
    /// From the dashboard, starts a meeting and returns its invite link as the page shows it. With
    /// <paramref name="openToAll"/>, ticks "Let people in without asking" first (no waiting room).
    /// </summary>
    public async Task<string> StartMeetingAsync(bool openToAll = false)
    {
        await Page.GotoAsync("/Dashboard");
        if (openToAll)
        {
            await Page.GetByLabel("Let people in without asking").CheckAsync();
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "New meeting" }).ClickAsync();
        await Page.WaitForURLAsync("**/m/*");
        return Page.Url;
    }

    /// <summary>What media-probe.js sees for the tile labelled <paramref name="tileLabel"/>.</summary>
    public async Task<MediaSample> SampleMediaAsync(string tileLabel)
    {
        var result = await Page.EvaluateAsync<JsonElement>(MediaProbeScript.Value, tileLabel);
        return result.Deserialize<MediaSample>(Json)!;
    }

    /// <summary>
    /// How many peer connections the page made, and the remote description of the first one: unchanged when
    /// no connection was rebuilt or renegotiated.
    /// </summary>
    public Task<string> PeerConnectionsAsync() =>
        Page.EvaluateAsync<string>("() => `${window.__peerConnections.length} ${window.__peerConnections[0]?.currentRemoteDescription?.sdp}`");

    /// <summary>Each peer connection the page made, as record-peers.js sums it up.</summary>
    public async Task<PeerConnectionState[]> PeerConnectionStatesAsync() =>
        (await Page.EvaluateAsync<JsonElement>("() => window.__peerConnections.map(pc => pc.__state())"))
            .Deserialize<PeerConnectionState[]>(Json)!;

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>One peer connection: closed, descriptions set so far, the remote ICE ufrag, and its log.</summary>
public sealed record PeerConnectionState(bool Closed, int Descriptions, string Ufrag, string[] Log);

public sealed record MediaSample(bool Found, int Width, int Height, double Time, long FramesDecoded, long AudioPackets);
