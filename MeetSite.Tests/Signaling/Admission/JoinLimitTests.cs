using System.Globalization;
using System.Net;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

/// <summary>RateLimits:Joins over a real port: opens per account and per address, and open connections per account.</summary>
public sealed class JoinLimitTests
{
    private static SignalingSite Site(int perAccount = 100, int perAddress = 100, int connections = 100) => SignalingSite.With(new Dictionary<string, string?>
    {
        ["RateLimits:Joins:PerAccount"] = perAccount.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Joins:PerAddress"] = perAddress.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Joins:Window"] = "00:10:00",
        ["RateLimits:Joins:ConnectionsPerAccount"] = connections.ToString(CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task Join_and_leave_cycles_by_one_account_are_refused_with_429_too_many_joins_on_both_transports()
    {
        using var site = Site(perAccount: 3);
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var cycle = await ann.JoinWsAsync(code);
            await cycle.LeaveAsync();
        }

        var (status, retryAfter) = await ann.UpgradeAsync(code);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("600", retryAfter);
        await AssertRefusedAsync(ann, HttpMethod.Get, $"/signal/ws/{code}", "too-many-joins", retryAfter: "600");
        await AssertRefusedAsync(ann, HttpMethod.Post, $"/signal/lp/{code}", "too-many-joins", retryAfter: "600");

        // Another account from the same address still gets in.
        using var bob = await site.UserAsync("Bob");
        await using var other = await bob.JoinWsAsync(code);
        await other.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task Opens_from_one_address_are_limited_across_accounts()
    {
        using var site = Site(perAddress: 3);
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        using var cyd = await site.UserAsync("Cyd");
        var code = await ann.NewOpenMeetingAsync();
        await (await ann.JoinWsAsync(code)).LeaveAsync();
        await (await bob.JoinWsAsync(code)).LeaveAsync();
        await (await bob.JoinLongPollAsync(code)).LeaveAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, await cyd.UpgradeStatusAsync(code));
        await AssertRefusedAsync(cyd, HttpMethod.Post, $"/signal/lp/{code}", "too-many-joins", retryAfter: "600");
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task An_account_holds_a_capped_number_of_sockets_and_sessions_and_a_closed_one_frees_its_seat()
    {
        using var site = Site(connections: 2);
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewOpenMeetingAsync();
        var lp = await ann.JoinLongPollAsync(code);
        // A socket that has not joined is a connection all the same.
        await using var idle = await ann.ConnectAsync(code);

        Assert.Equal(HttpStatusCode.TooManyRequests, await ann.UpgradeStatusAsync(code));
        await AssertRefusedAsync(ann, HttpMethod.Post, $"/signal/lp/{code}", "too-many-connections", retryAfter: null);
        await AssertRefusedAsync(ann, HttpMethod.Get, $"/signal/ws/{code}", "too-many-connections", retryAfter: null);
        await using var bobs = await bob.JoinWsAsync(code);

        await lp.LeaveAsync();
        await SignalingSite.EventuallyAsync(() => site.Transports.Count == 2, "the left session is closed");
        await using var again = await ann.JoinWsAsync(code);
        await again.LeaveAsync();
        await bobs.LeaveAsync();
        idle.Socket.Abort();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_call_with_a_drop_and_resumes_on_both_transports_is_not_refused()
    {
        using var site = Site(perAccount: 3, connections: 1);
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewOpenMeetingAsync();
        var first = await ann.JoinWsAsync(code);
        await using var bobs = await bob.JoinWsAsync(code);
        await first.NextAsync("joined");

        // A drop: the socket vanishes; its seat frees once the server notices, well within the grace period.
        first.Socket.Abort();
        await SignalingSite.EventuallyAsync(() => site.Transports.Count == 1, "the dropped socket is gone");
        await using var resumed = await ann.ConnectAsync(code);
        await resumed.SendAsync(Messages.Resume("Ann", first.Id, first.Token, first.LastSeq));
        Assert.Equal(first.Id, (await resumed.NextAsync("welcome")).GetProperty("you").GetProperty("id").GetString());

        resumed.Socket.Abort();
        await SignalingSite.EventuallyAsync(() => site.Transports.Count == 1, "the second socket is gone");
        var lp = await LpPeer.OpenAsync(ann, code, Messages.Resume("Ann", first.Id, first.Token, first.LastSeq));
        Assert.Equal(first.Id, lp.Id);
        await bobs.SendAsync(Messages.Chat("still here?"));
        Assert.Equal("still here?", (await lp.NextAsync("chat")).GetProperty("text").GetString());

        await lp.LeaveAsync();
        await bobs.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static async Task AssertRefusedAsync(SignalingUser user, HttpMethod method, string path, string code, string? retryAfter)
    {
        using var response = await user.Http.SendAsync(user.Request(method, path, method == HttpMethod.Post ? Messages.Join("Ann") : null));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(retryAfter, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }
}
