using System.Globalization;
using System.Net;
using System.Text.Json;
using MeetSite.Meetings;
using MeetSite.Pages.Dashboard;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Meetings;

/// <summary>
/// RateLimits:CodeLookups over a real port: misses on the meeting page, the dashboard's join form and
/// both signaling endpoints share one budget per account and per address; hits never count.
/// </summary>
public sealed class CodeLookupLimitTests
{
    private const string PageMessage = "Too many requests came from your account or network";

    private static SignalingSite Site(int perAccount = 100, int perAddress = 100) => SignalingSite.With(new Dictionary<string, string?>
    {
        ["RateLimits:CodeLookups:MissesPerAccount"] = perAccount.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:CodeLookups:MissesPerAddress"] = perAddress.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:CodeLookups:Window"] = "00:10:00",
    });

    private static string UnknownCode() => MeetingCode.NewCode().Value;

    [Fact]
    public async Task After_the_misses_of_an_account_every_lookup_is_refused_hits_too_and_other_accounts_are_not()
    {
        using var site = Site(perAccount: 3);
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ann.Http.GetAsync($"/m/{code}")).StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ann.Http.GetAsync($"/m/{UnknownCode()}")).StatusCode);
        }

        foreach (var path in new[] { $"/m/{UnknownCode()}", $"/m/{code}" })
        {
            using var page = await ann.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.Contains(PageMessage, await page.Content.ReadAsStringAsync());
            Assert.Equal(TimeSpan.FromMinutes(10), page.Headers.RetryAfter?.Delta);
        }
        var form = await new FormClient(ann.Http).SubmitAsync("/Dashboard", new Dictionary<string, string> { ["Code"] = code }, "/Dashboard?handler=Join");
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal(DashboardModel.TooManyLookups, FormClient.AlertText(await form.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ann.UpgradeStatusAsync(code));
        await AssertTooManyLookupsAsync(ann, HttpMethod.Post, $"/signal/lp/{code}");
        await AssertTooManyLookupsAsync(ann, HttpMethod.Get, $"/signal/lp/{code}?session=x");

        using var bob = await site.UserAsync("Bob");
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.GetAsync($"/m/{code}")).StatusCode);
        await (await bob.JoinWsAsync(code)).LeaveAsync();
    }

    [Fact]
    public async Task Misses_on_the_dashboard_and_both_signaling_endpoints_count_together_with_the_page()
    {
        using var site = Site(perAccount: 4);
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var form = await new FormClient(ann.Http).SubmitAsync("/Dashboard", new Dictionary<string, string> { ["Code"] = UnknownCode() }, "/Dashboard?handler=Join");
        Assert.Equal(DashboardModel.UnknownCode, FormClient.AlertText(await form.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, await ann.UpgradeStatusAsync(UnknownCode()));
        using (var open = await ann.Http.SendAsync(ann.Request(HttpMethod.Post, $"/signal/lp/{UnknownCode()}", Messages.Join("Ann"))))
        {
            Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        }
        using (var poll = await ann.Http.SendAsync(ann.Request(HttpMethod.Get, $"/signal/lp/{UnknownCode()}?session=x")))
        {
            Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ann.Http.GetAsync($"/m/{code}")).StatusCode);
    }

    [Fact]
    public async Task Misses_from_one_address_are_limited_across_accounts()
    {
        using var site = Site(perAddress: 3);
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        using var cyd = await site.UserAsync("Cyd");
        var code = await cyd.NewOpenMeetingAsync();
        await ann.Http.GetAsync($"/m/{UnknownCode()}");
        await ann.Http.GetAsync($"/m/{UnknownCode()}");
        await bob.Http.GetAsync($"/m/{UnknownCode()}");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await cyd.Http.GetAsync($"/m/{code}")).StatusCode);
        await AssertTooManyLookupsAsync(cyd, HttpMethod.Post, $"/signal/lp/{code}");
    }

    [Fact]
    public async Task An_account_in_a_meeting_keeps_its_call_after_it_is_locked_out_for_guessing()
    {
        using var site = Site(perAccount: 2);
        using var ann = await site.UserAsync("Ann");
        using var bob = await site.UserAsync("Bob");
        var code = await ann.NewOpenMeetingAsync();
        var lp = await ann.JoinLongPollAsync(code);
        await ann.Http.GetAsync($"/m/{UnknownCode()}");
        await ann.Http.GetAsync($"/m/{UnknownCode()}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ann.Http.GetAsync($"/m/{code}")).StatusCode);

        await lp.SendAcceptedAsync(Messages.Chat("still in"));
        Assert.Equal("still in", (await lp.NextAsync("chat")).GetProperty("text").GetString());
        await using var bobs = await bob.JoinWsAsync(code);
        await lp.NextAsync("joined");
        await lp.LeaveAsync();
        await bobs.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static async Task AssertTooManyLookupsAsync(SignalingUser user, HttpMethod method, string path)
    {
        using var response = await user.Http.SendAsync(user.Request(method, path, method == HttpMethod.Post ? Messages.Join("Ann") : null));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("too-many-lookups", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromMinutes(10), response.Headers.RetryAfter?.Delta);
    }
}
