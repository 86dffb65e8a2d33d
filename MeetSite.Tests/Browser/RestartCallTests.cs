using System.Text.RegularExpressions;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// A deploy in the middle of a call: the only server stops and a new process starts on the same port, with
/// the same database and data-protection keys. The call's media must not notice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartCallTests(BrowserFixture browser) : IDisposable
{
    private readonly RestartableSite _site = new();

    [Fact]
    public async Task A_server_restart_keeps_every_peer_connection_and_the_video_plays_on()
    {
        var first = _site.Start();
        var site = _site.BaseUri;

        // One on each transport: both must come back.
        await using var call = await CallAcrossServers.StartAsync(browser, site);
        var (ada, bob) = (call.Ada, call.Bob);

        first.Dispose();
        await Assertions.Expect(ada.Status()).ToHaveTextAsync(new Regex("^Reconnecting"));
        var second = _site.Start();
        var answering = System.Diagnostics.Stopwatch.StartNew();

        await Assertions.Expect(ada.Status()).ToHaveTextAsync(new Regex("^Connected"), new() { Timeout = 30_000 });
        await Assertions.Expect(bob.Status()).ToHaveTextAsync(new Regex("^Connected"), new() { Timeout = 30_000 });
        Assert.True(answering.Elapsed < TimeSpan.FromSeconds(2),
            $"signaling was back {answering.Elapsed.TotalSeconds:0.00} s after the new process answered (at most 2 s)");
        var rooms = second.Services.GetRequiredService<RoomRegistry>();
        await SignalingSite.EventuallyAsync(() => rooms.ParticipantCount == 2, "both participants are back in the new process");

        await call.AssertCarriedOnAsync();
        await Assertions.Expect(ada.Tile("Bob Guest")).ToBeVisibleAsync();

        // Signaling works in the new process: chat reaches the other side.
        await bob.SendChatAsync("still here");
        await ada.OpenChatAsync();
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("still here");
    }

    public void Dispose() => _site.Dispose();
}
