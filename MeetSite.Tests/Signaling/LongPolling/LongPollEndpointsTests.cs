using System.Net;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class LongPollEndpointsTests
{
    // Sessions here are not polled while the test works on them, so they must not expire meanwhile.
    private static SignalingSite PatientSite(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Signaling:GracePeriod"] = "00:01:00" };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return SignalingSite.With(settings);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413_and_the_session_stays_up()
    {
        using var site = PatientSite();
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        var big = Messages.Chat(new string('x', 64 * 1024));
        using (var open = await lee.Http.SendAsync(lee.Request(HttpMethod.Post, $"/signal/lp/{code}", big)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, open.StatusCode);
        }
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        using (var send = await lp.SendAsync(big))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, send.StatusCode);
            Assert.Equal("too-large", JsonDocument.Parse(await send.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
        await lp.SendAcceptedAsync(Messages.Chat("small"));
        Assert.Equal("small", (await lp.NextAsync("chat")).GetProperty("text").GetString());
        await lp.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_flood_on_a_session_gets_429_then_the_session_is_closed()
    {
        // A bucket that HTTP round trips can empty: each POST takes longer than a WebSocket frame.
        using var site = PatientSite(new() { ["Signaling:RateBurst"] = "20", ["Signaling:RatePerSecond"] = "1", ["Signaling:RateStrikes"] = "5" });
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Flood");
        await ws.NextAsync("joined");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100 && !statuses.Contains(HttpStatusCode.NoContent); i++)
        {
            using var response = await lp.SendAsync("""{"type":"ack","seq":0}""");
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.NoContent, statuses[^1]);
        Assert.Equal(lp.Id, (await ws.NextAsync("left")).GetProperty("id").GetString());
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_session_id_only_works_for_the_account_that_opened_it()
    {
        using var site = PatientSite();
        using var lee = await site.UserAsync("Lee");
        using var eve = await site.UserAsync("Eve");
        var code = await lee.NewOpenMeetingAsync();
        var lp = await lee.JoinLongPollAsync(code, "Lee");

        using var stolenPoll = await eve.Http.SendAsync(eve.Request(HttpMethod.Get, lp.PollPath));
        Assert.Equal(HttpStatusCode.NoContent, stolenPoll.StatusCode);
        using var stolenSend = await eve.Http.SendAsync(eve.Request(HttpMethod.Post, $"/signal/lp/{code}?session={lp.Session}", Messages.Chat("as Lee")));
        Assert.Equal(HttpStatusCode.NoContent, stolenSend.StatusCode);
        using var stolenLeave = await eve.Http.SendAsync(eve.Request(HttpMethod.Delete, $"/signal/lp/{code}?session={lp.Session}"));
        Assert.Equal(1, site.Rooms.ParticipantCount);

        await lp.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task Messages_sent_over_a_session_arrive_in_order_and_polls_deliver_them_in_order()
    {
        using var site = PatientSite();
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        for (var i = 0; i < 30; i++)
        {
            await lp.SendAcceptedAsync(Messages.Signal(ws.Id, "{\"n\":" + i + "}"));
            await ws.SignalAsync(lp.Id, "{\"n\":" + i + "}");
        }
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i, (await ws.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
            Assert.Equal(i, (await lp.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
        }
        await lp.LeaveAsync();
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
