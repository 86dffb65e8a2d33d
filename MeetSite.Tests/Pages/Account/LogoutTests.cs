using System.Net;
using MeetSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MeetSite.Tests.Pages.Account;

public sealed class LogoutTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Log_out_ends_the_session_on_the_server_not_only_in_the_browser()
    {
        using var browser = site.CreateFormClient();
        var registered = await browser.RegisterAsync(FormClient.NewEmail());
        var stolenCookie = registered.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("meetsite.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", stolenCookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Dashboard")).StatusCode);

        var loggedOut = await browser.LogoutAsync();

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/Dashboard")).StatusCode);
        var replay = await thief.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", replay.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Logging_in_again_after_log_out_works_and_other_users_are_untouched()
    {
        var email = FormClient.NewEmail();
        using var browser = site.CreateFormClient();
        await browser.RegisterAsync(email);
        using var bystander = site.CreateFormClient();
        await bystander.RegisterAsync(FormClient.NewEmail());

        await browser.LogoutAsync();
        var again = await browser.LoginAsync(email);

        Assert.Equal("/Dashboard", again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.Http.GetAsync("/Dashboard")).StatusCode);
    }

    [Fact]
    public async Task Logging_out_with_a_cookie_from_before_a_rehash_does_not_lock_the_next_log_in_out()
    {
        // A raised bcrypt work factor re-hashes the password at the next log in, which also rotates the
        // security stamp: the log in after this log out must not be mistaken for a revoked session.
        using var before = SignalingSite.With(null);
        var cookies = new CookieContainer();
        var email = FormClient.NewEmail();
        using (var first = Forms(before.BaseUri, cookies))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await first.RegisterAsync(email)).StatusCode);
        }
        using var after = SignalingSite.With(new Dictionary<string, string?> { ["Identity:Bcrypt:WorkFactor"] = "5" }, before.Site.Database);
        using var browser = Forms(after.BaseUri, cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/Dashboard")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogoutAsync()).StatusCode);
        var again = await browser.LoginAsync(email);

        Assert.Equal("/Dashboard", again.Headers.Location!.OriginalString);
        Assert.StartsWith("$2a$05$", await after.Site.StoredHashAsync(email));
        var dashboard = await browser.Http.GetAsync("/Dashboard");
        Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"The dashboard answered {(int)dashboard.StatusCode} {dashboard.Headers.Location}.");
    }

    [Fact]
    public async Task A_log_out_submitted_twice_at_once_ends_the_session_and_does_not_block_the_next_log_in()
    {
        // Both requests load the user before either saves, so one of them meets a concurrency failure.
        for (var round = 1; round <= 5; round++)
        {
            var email = FormClient.NewEmail();
            using var browser = site.CreateFormClient();
            var registered = await browser.RegisterAsync(email);
            var oldCookie = registered.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith("meetsite.auth=", StringComparison.Ordinal)).Split(';')[0];
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(await browser.GetPageAsync("/Dashboard")),
            });
            await form.LoadIntoBufferAsync();

            var logouts = await Task.WhenAll(browser.Http.PostAsync("/Account/Logout", form), browser.Http.PostAsync("/Account/Logout", form));

            // The second may arrive after the first ended the session: its antiforgery token was made for a
            // signed-in user, so it is refused (400), and there is nothing left for it to do.
            Assert.Contains(logouts, response => response.StatusCode == HttpStatusCode.Redirect);
            Assert.All(logouts, response => Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"Log out answered {(int)response.StatusCode}."));
            using var thief = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            thief.DefaultRequestHeaders.Add("Cookie", oldCookie);
            Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/Dashboard")).StatusCode);
            Assert.Equal("/Dashboard", (await browser.LoginAsync(email)).Headers.Location!.OriginalString);
            var dashboard = await browser.Http.GetAsync("/Dashboard");
            Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"Round {round}: the dashboard answered {(int)dashboard.StatusCode} {dashboard.Headers.Location}.");
        }
    }

    private static FormClient Forms(Uri baseUri, CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri });
}
