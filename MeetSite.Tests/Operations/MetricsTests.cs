using System.Net;
using System.Text;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Operations;

/// <summary>/metrics scraped over a real port while a call goes on: the relay's numbers move with it.</summary>
public sealed class MetricsTests
{
    private static readonly (string, string) Ws = ("transport", "websocket");
    private static readonly (string, string) Lp = ("transport", "longpoll");
    private static readonly (string, string) Graced = ("transport", "none");
    private static readonly (string, string) In = ("direction", "in");
    private static readonly (string, string) Out = ("direction", "out");

    [Fact]
    public async Task A_scrape_during_a_call_sees_the_meeting_its_participants_by_transport_messages_bytes_joins_and_resumes()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:GracePeriod"] = "00:01:00" });
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var before = await Scrape.ReadAsync(http);
        Assert.Equal(0, before.Value("meetsite_signaling_rooms"));

        await using var a = await ann.JoinWsAsync(code, "Ann");
        var b = await ann.JoinWsAsync(code, "Bob");
        var c = await ann.JoinLongPollAsync(code, "Cy");
        await a.NextAsync("joined");
        await a.NextAsync("joined");
        var joined = await Scrape.ReadAsync(http);
        Assert.Equal(1, joined.Value("meetsite_signaling_rooms"));
        Assert.Equal(3, joined.Value("meetsite_signaling_participants"));
        Assert.Equal(2, joined.Value("meetsite_signaling_participants_by_transport", Ws));
        Assert.Equal(1, joined.Value("meetsite_signaling_participants_by_transport", Lp));
        Assert.Equal(1, joined.Value("meetsite_signaling_long_poll_sessions"));
        Assert.Equal(3, joined.Value("meetsite_signaling_join_duration_seconds_count", ("kind", "join")));
        Assert.True(joined.Value("meetsite_signaling_join_duration_seconds_bucket", ("kind", "join"), ("le", "+Inf")) == 3);

        var signal = Messages.Signal(b.Id, """{"candidate":"metrics"}""");
        for (var i = 0; i < 10; i++)
        {
            await a.SendAsync(signal);
        }
        for (var i = 0; i < 10; i++)
        {
            await b.WaitForAsync("signal");
        }
        var relayed = await Scrape.ReadAsync(http);
        Assert.InRange(relayed.Value("meetsite_signaling_messages_total", In) - joined.Value("meetsite_signaling_messages_total", In), 10, 20);
        Assert.InRange(relayed.Value("meetsite_signaling_messages_total", Out) - joined.Value("meetsite_signaling_messages_total", Out), 10, 20);
        Assert.True(relayed.Value("meetsite_signaling_message_bytes_total", In) - joined.Value("meetsite_signaling_message_bytes_total", In)
            >= 10 * Encoding.UTF8.GetByteCount(signal));

        // Bob's socket drops: his seat waits in the grace period, on no transport; then he resumes.
        b.Socket.Abort();
        await SignalingSite.EventuallyAsync(() => site.Transports.Count == 2, "Bob's socket is gone");
        var dropped = await Scrape.ReadAsync(http);
        Assert.Equal(1, dropped.Value("meetsite_signaling_participants_by_transport", Graced));
        Assert.Equal(1, dropped.Value("meetsite_signaling_participants_by_transport", Ws));
        await using var back = await ann.ConnectAsync(code);
        await back.SendAsync(Messages.Resume("Bob", b.Id, b.Token, b.LastSeq));
        await back.NextAsync("welcome");
        await using var stranger = await ann.ConnectAsync(code);
        await stranger.SendAsync(Messages.Resume("Eve", "no-such-participant-id", "forged", 0));
        Assert.Equal("resume-failed", (await stranger.NextAsync("error")).GetProperty("code").GetString());

        var resumed = await Scrape.ReadAsync(http);
        Assert.Equal(1, resumed.Value("meetsite_signaling_resumes_total", ("outcome", "succeeded")));
        Assert.Equal(1, resumed.Value("meetsite_signaling_resumes_total", ("outcome", "failed")));
        Assert.Equal(1, resumed.Value("meetsite_signaling_join_duration_seconds_count", ("kind", "resume")));
        Assert.Equal(2, resumed.Value("meetsite_signaling_participants_by_transport", Ws));
        Assert.Equal(0, resumed.Value("meetsite_signaling_participants_by_transport", Graced));
        // ASP.NET Core's and the runtime's meters come along.
        Assert.True(resumed.Has("http_server_request_duration_seconds_count"));
        Assert.True(resumed.Has("kestrel_active_connections"));
        Assert.True(resumed.Has("dotnet_gc_collections_total"));

        await back.SendAsync(Messages.Leave);
        await a.SendAsync(Messages.Leave);
        await c.LeaveAsync();
        await site.NoLeaksAsync();
        var after = await Scrape.ReadAsync(http);
        Assert.Equal(0, after.Value("meetsite_signaling_rooms"));
        Assert.Equal(0, after.Value("meetsite_signaling_participants"));
    }

    [Fact]
    public async Task Rate_limit_refusals_and_replay_queue_overflows_are_counted()
    {
        using var site = OverloadSite();
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await OverloadAsync(site, ann, code);
        await a.WaitForAsync("error"); // rate-limited

        var scrape = await Scrape.ReadAsync(http);
        Assert.Equal(1, scrape.Value("meetsite_signaling_queue_overflows_total"));
        Assert.True(scrape.Value("meetsite_signaling_rate_limited_total", ("limit", "messages")) >= 1);
    }

    [Fact]
    public async Task Every_metric_the_starter_dashboard_queries_is_exported()
    {
        using var site = OverloadSite();
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await OverloadAsync(site, ann, code);
        await using var stranger = await ann.ConnectAsync(code);
        await stranger.SendAsync(Messages.Resume("Eve", "no-such-participant-id", "forged", 0));
        await stranger.WaitForAsync("error");
        var scrape = await Scrape.ReadAsync(http);

        var dashboard = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "grafana-meetsite.json"));
        var queried = System.Text.RegularExpressions.Regex.Matches(dashboard, @"\b(?:meetsite|http_server|kestrel|dotnet)_[a-z_]+")
            .Select(m => m.Value).Distinct().ToList();
        Assert.Contains("meetsite_signaling_participants_by_transport", queried);
        // Counted only while a process drains, which ends its /metrics: DrainTests reads the counter itself.
        var missing = queried.Where(name => !scrape.Has(name) && name != "meetsite_signaling_moved_total").ToList();
        Assert.True(missing.Count == 0, $"The dashboard queries what /metrics does not export: {string.Join(", ", missing)}");
    }

    /// <summary>A small token bucket and a short replay queue, so a few signals overflow both.</summary>
    private static SignalingSite OverloadSite() => SignalingSite.With(new Dictionary<string, string?>
    {
        ["Signaling:RateBurst"] = "10",
        ["Signaling:RatePerSecond"] = "0.5",
        ["Signaling:OutboundQueueCapacity"] = "4",
    });

    /// <summary>
    /// Ann on WebSocket sends 12 signals to Cy, who polls once for the welcome and never again: the join took a
    /// token, so 9 pass (more than Cy's queue holds, so his session is closed as a slow consumer) and 3 are
    /// refused. Returns Ann's connection, with her rate-limit errors still to read.
    /// </summary>
    private static async Task<WsPeer> OverloadAsync(SignalingSite site, SignalingUser ann, string code)
    {
        var a = await ann.JoinWsAsync(code, "Ann");
        var c = await ann.JoinLongPollAsync(code, "Cy");
        await a.NextAsync("joined");
        for (var i = 0; i < 12; i++)
        {
            await a.SendAsync(Messages.Signal(c.Id, "{}"));
        }
        await SignalingSite.EventuallyAsync(() => site.Sessions.Count == 0, "Cy's session is closed as a slow consumer");
        return a;
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.OK)]
    [InlineData("10.0.0.0/8", null, HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    // Behind the reverse proxy (127.0.0.1 is a known one), the client is the forwarded address.
    [InlineData(null, "203.0.113.9", HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.0/24", "203.0.113.9", HttpStatusCode.OK)]
    [InlineData("203.0.113.0/24", "198.51.100.1, 203.0.113.9", HttpStatusCode.OK)]
    [InlineData("203.0.113.0/24", "203.0.113.9, 198.51.100.1", HttpStatusCode.Forbidden)]
    public async Task Metrics_answer_only_clients_on_the_allowed_networks(string? allowed, string? forwardedFor, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?>();
        if (allowed is not null)
        {
            settings["Metrics:AllowedNetworks:0"] = allowed;
        }
        using var site = SignalingSite.With(settings);
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected == HttpStatusCode.OK, body.Contains("meetsite_signaling_rooms"));
    }
}
