using System.Net;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class RequestGateTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task Without_the_account_cookie_both_transports_answer_401_before_any_other_check()
    {
        using var ann = await site.UserAsync();
        var code = await ann.NewOpenMeetingAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await ann.UpgradeStatusAsync(code, withCookie: false));
        Assert.Equal(HttpStatusCode.Unauthorized, await ann.UpgradeStatusAsync("zzz-zzzz-zzz", origin: "https://evil.example", withCookie: false));

        using var anonymous = new HttpClient { BaseAddress = site.BaseUri };
        using var response = await anonymous.PostAsync($"/signal/lp/{code}", new StringContent(Messages.Join("Ann")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_on_both_transports()
    {
        using var ann = await site.UserAsync();
        var code = await ann.NewOpenMeetingAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await ann.UpgradeStatusAsync(code, origin: "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await ann.UpgradeStatusAsync("zzz-zzzz-zzz", origin: "https://evil.example"));

        var request = ann.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Join("Ann"));
        request.Headers.Remove("Origin");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await ann.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_configured_origin_is_allowed_and_gets_CORS_headers_for_long_polling()
    {
        using var corsSite = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:AllowedOrigins:0"] = "https://app.example" });
        using var ann = await corsSite.UserAsync();
        var code = await ann.NewOpenMeetingAsync();
        await using (var peer = await ann.ConnectAsync(code, origin: "https://app.example"))
        {
            await peer.JoinAsync("Ann");
            await peer.LeaveAsync();
        }

        var request = ann.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Join("Ann"));
        request.Headers.Remove("Origin");
        request.Headers.Add("Origin", "https://app.example");
        using var response = await ann.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("session").GetString();
        using var leave = await ann.Http.SendAsync(ann.Request(HttpMethod.Delete, $"/signal/lp/{code}?session={session}"));
        await corsSite.NoLeaksAsync();
    }

    [Fact]
    public async Task An_unknown_meeting_is_404_on_both_transports()
    {
        using var ann = await site.UserAsync();
        Assert.Equal(HttpStatusCode.NotFound, await ann.UpgradeStatusAsync("zzz-zzzz-zzz"));
        Assert.Equal(HttpStatusCode.NotFound, await ann.UpgradeStatusAsync("not-a-code"));
        using var response = await ann.Http.SendAsync(ann.Request(HttpMethod.Post, "/signal/lp/zzz-zzzz-zzz", Messages.Join("Ann")));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_full_meeting_refuses_a_new_participant_with_409_meeting_full()
    {
        using var smallSite = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:Capacity"] = "2" });
        using var ann = await smallSite.UserAsync();
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "One");
        var b = await ann.JoinLongPollAsync(code, "Two");

        Assert.Equal(HttpStatusCode.Conflict, await ann.UpgradeStatusAsync(code));
        using var response = await ann.Http.SendAsync(ann.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Join("Three")));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("meeting-full", error.GetProperty("code").GetString());

        await b.LeaveAsync();
        await using var c = await ann.JoinWsAsync(code, "Three");
        await a.LeaveAsync();
        await c.LeaveAsync();
        await smallSite.NoLeaksAsync();
    }
}
