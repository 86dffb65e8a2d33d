using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeetSite.Tests.Operations;

/// <summary>What a process does from the moment it is told to stop (SIGTERM raises ApplicationStopping).</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Stopping_tells_every_client_to_move_websockets_with_4003_and_a_waiting_long_poll_with_503_moving()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:LongPollHold"] = "00:00:20" });
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        var lee = await ann.JoinLongPollAsync(code, "Lee");
        await a.NextAsync("joined");
        var waiting = ann.Http.SendAsync(ann.Request(HttpMethod.Get, lee.PollPath)); // held: nothing to deliver
        await HeldAsync(site);

        var moved = Moved(site);
        site.Site.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal((WebSocketCloseStatus)4003, await a.WaitForCloseAsync());
        using var held = await waiting;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
        Assert.Equal("0", held.Headers.GetValues("Retry-After").Single());
        var error = JsonDocument.Parse(await held.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("moving", error.GetProperty("code").GetString());
        Assert.Equal(2, Interlocked.Read(ref moved.Value));
    }

    /// <summary>Until the server holds the poll: two GETs in progress, that poll and the scrape asking.</summary>
    private static async Task HeldAsync(SignalingSite site)
    {
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Scrape.ReadAsync(http)).Value("http_server_active_requests", ("http_request_method", "GET")) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The poll never reached the server.");
            await Task.Delay(20);
        }
    }

    /// <summary>The meetsite.signaling.moved counter of this site, as it counts.</summary>
    private static StrongBox<long> Moved(SignalingSite site)
    {
        var factory = site.Site.Services.GetRequiredService<IMeterFactory>();
        var moved = new StrongBox<long>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "meetsite.signaling.moved")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref moved.Value, value));
        listener.Start();
        return moved;
    }
}
