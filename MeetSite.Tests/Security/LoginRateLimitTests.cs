using System.Net;
using MeetSite.Pages.Account;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Security;

/// <summary>The account forms' limits, over a real loopback port so the client address is a real one.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Log_in_attempts_from_one_address_are_limited_per_minute()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["RateLimits:Login:PermitsPerMinute"] = "3" });
        using var client = Forms(site);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(FormClient.NewEmail())).StatusCode);
        }

        var limited = await client.LoginAsync(FormClient.NewEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Failures_against_one_email_make_its_next_attempts_wait_known_or_not()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?>
        {
            ["RateLimits:Login:AccountFreeFailures"] = "3",
            ["RateLimits:Login:FirstDelay"] = "00:10:00",
            ["RateLimits:Login:MaxDelay"] = "00:10:00",
        });
        using var client = Forms(site);
        var known = FormClient.NewEmail();
        var unknown = FormClient.NewEmail();
        var other = FormClient.NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(known)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(other)).StatusCode);
        using var stranger = Forms(site);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await AssertAnswerAsync(LoginModel.InvalidCredentials, HttpStatusCode.OK, await stranger.LoginAsync(known, "wrong password!"));
            await AssertAnswerAsync(LoginModel.InvalidCredentials, HttpStatusCode.OK, await stranger.LoginAsync(unknown, "wrong password!"));
        }
        using var owner = Forms(site);

        var rightPassword = await owner.LoginAsync(known);
        var unknownAgain = await stranger.LoginAsync(unknown);
        var otherAccount = await owner.LoginAsync(other);

        await AssertAnswerAsync(LoginModel.Throttled, HttpStatusCode.TooManyRequests, rightPassword);
        Assert.InRange(rightPassword.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        await AssertAnswerAsync(LoginModel.Throttled, HttpStatusCode.TooManyRequests, unknownAgain);
        Assert.Equal(HttpStatusCode.Redirect, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Failures_from_one_address_across_many_emails_make_it_wait()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?>
        {
            ["RateLimits:Login:AddressFreeFailures"] = "3",
            ["RateLimits:Login:FirstDelay"] = "00:10:00",
            ["RateLimits:Login:MaxDelay"] = "00:10:00",
        });
        using var client = Forms(site);
        var email = FormClient.NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(email)).StatusCode);
        using var guesser = Forms(site);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await AssertAnswerAsync(LoginModel.InvalidCredentials, HttpStatusCode.OK, await guesser.LoginAsync(FormClient.NewEmail()));
        }

        await AssertAnswerAsync(LoginModel.Throttled, HttpStatusCode.TooManyRequests, await guesser.LoginAsync(email));
    }

    [Fact]
    public async Task Registrations_from_one_address_are_limited_per_hour()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["RateLimits:Register:PermitsPerHour"] = "2" });
        using var client = Forms(site);
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(FormClient.NewEmail())).StatusCode);
        using var second = Forms(site);
        Assert.Equal(HttpStatusCode.Redirect, (await second.RegisterAsync(FormClient.NewEmail())).StatusCode);
        using var third = Forms(site);

        var limited = await third.RegisterAsync(FormClient.NewEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.Http.GetAsync("/Account/Register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.LoginAsync(FormClient.NewEmail())).StatusCode);
    }

    private static async Task AssertAnswerAsync(string message, HttpStatusCode status, HttpResponseMessage response)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, FormClient.AlertText(await response.Content.ReadAsStringAsync()));
    }

    private static FormClient Forms(SignalingSite site) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = site.BaseUri });
}
