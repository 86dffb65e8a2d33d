using System.Diagnostics;
using System.Text.RegularExpressions;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MeetSite.Tests.Browser;

/// <summary>
/// A deploy without a gap: the next process starts on the same port (Shutdown:SharePort), then the one carrying
/// the call gets SIGTERM. It tells its clients to move (close 4003, long-polling's 503 moving), they resume at
/// once on the next process, and the call's media never notices.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DrainCallTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);
    private readonly RestartableSite _site = new();

    [Fact]
    public async Task Sigterm_moves_the_call_to_the_next_process_on_the_same_port_at_once_and_the_video_plays_on()
    {
        var first = await _site.StartProcessAsync();
        var site = _site.BaseUri;

        // One on each transport: both must move.
        await using var call = await CallAcrossServers.StartAsync(browser, site);
        var (ada, bob) = (call.Ada, call.Bob);

        // As a deploy would, check the next process and warm it up (on its own port) before stopping the old one.
        using var second = await _site.StartProcessAsync();
        var warm = await WarmUpAsync(second.OwnUri!);
        var drain = Stopwatch.StartNew();
        var exit = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = site };
        Scrape moved;
        while (true)
        {
            // Only the second process listens now: its numbers.
            moved = await Scrape.ReadAsync(http);
            if (moved.Value("meetsite_signaling_participants_by_transport", ("transport", "websocket")) == 1
                && moved.Value("meetsite_signaling_participants_by_transport", ("transport", "longpoll")) == 1)
            {
                break;
            }
            Assert.True(drain.Elapsed < TimeSpan.FromSeconds(30), $"The call did not reach the next process:\n{moved.Text}\n{second.Output}");
            await Task.Delay(50);
        }
        var took = drain.Elapsed;
        output.WriteLine($"SIGTERM to both clients on the next process: {took.TotalMilliseconds:F0} ms; the old process exited after {exit.TotalMilliseconds:F0} ms");
        Assert.True(took < Quickly, $"Both clients took {took.TotalMilliseconds:F0} ms to reach the next process (the old one exited after {exit.TotalMilliseconds:F0} ms)\n--- old:\n{first.Output}\n--- next:\n{second.Output}");
        // Resumed as the same participants (restored from their tokens), not joined afresh.
        Assert.Equal(2, moved.Value("meetsite_signaling_resumes_total", ("outcome", "succeeded")));
        Assert.Equal(0, moved.Value("meetsite_signaling_resumes_total", ("outcome", "failed")));
        Assert.Equal(warm.Value("meetsite_signaling_join_duration_seconds_count", ("kind", "join")),
            moved.Value("meetsite_signaling_join_duration_seconds_count", ("kind", "join")));
        await Assertions.Expect(ada.Status()).ToHaveTextAsync(new Regex("^Connected"));
        await Assertions.Expect(bob.Status()).ToHaveTextAsync(new Regex("^Connected"));

        await call.AssertCarriedOnAsync();

        // Signaling works in the next process: chat reaches the other side.
        await bob.SendChatAsync("moved along");
        await ada.OpenChatAsync();
        await Assertions.Expect(ada.ChatLog()).ToContainTextAsync("moved along");
    }

    /// <summary>A join and a leave on each transport, then the process's metrics.</summary>
    private static async Task<Scrape> WarmUpAsync(Uri site)
    {
        using var user = await SignalingUser.RegisterAsync(site, "Warm Up");
        var code = await user.NewOpenMeetingAsync();
        await using (var ws = await user.JoinWsAsync(code, "Warm Up"))
        {
            var lp = await user.JoinLongPollAsync(code, "Warm Up");
            await lp.LeaveAsync();
            await ws.SendAsync(Messages.Leave);
            await ws.WaitForCloseAsync();
        }
        using var http = new HttpClient { BaseAddress = site };
        return await Scrape.ReadAsync(http);
    }

    public void Dispose() => _site.Dispose();
}
