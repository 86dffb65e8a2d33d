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
}
