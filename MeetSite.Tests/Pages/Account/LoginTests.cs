using System.Net;
using MeetSite.Pages.Account;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Pages.Account;

public sealed class LoginTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task A_registered_user_logs_in_and_lands_on_the_dashboard()
    {
        var email = await RegisteredEmailAsync();
        using var client = site.CreateFormClient();

        var response = await client.LoginAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Dashboard", response.Headers.Location!.OriginalString);
        Assert.Contains("Log out", await client.GetPageAsync("/Dashboard"));
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_generic_message()
    {
        var email = await RegisteredEmailAsync();
        using var client = site.CreateFormClient();

        var wrongPassword = await client.LoginAsync(email, "not the password");
        var unknownEmail = await client.LoginAsync(FormClient.NewEmail());

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownEmail.StatusCode);
        Assert.Equal(LoginModel.InvalidCredentials, FormClient.AlertText(await wrongPassword.Content.ReadAsStringAsync()));
        Assert.Equal(LoginModel.InvalidCredentials, FormClient.AlertText(await unknownEmail.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_strangers_five_failures_no_longer_lock_the_account()
    {
        using var own = new TestSite(new Dictionary<string, string?> { ["RateLimits:Login:AccountFreeFailures"] = "100" });
        using var client = own.CreateFormClient();
        var email = FormClient.NewEmail();
        await client.RegisterAsync(email);
        using var stranger = own.CreateFormClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await stranger.LoginAsync(email, "wrong password!");
        }
        using var owner = own.CreateFormClient();

        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task The_configured_failures_lock_the_account_and_an_unknown_email_answers_alike()
    {
        using var own = new TestSite(new Dictionary<string, string?>
        {
            ["Identity:Lockout:MaxFailedAccessAttempts"] = "4",
            ["RateLimits:Login:AccountFreeFailures"] = "100",
        });
        using var client = own.CreateFormClient();
        var email = FormClient.NewEmail();
        var unknown = FormClient.NewEmail();
        await client.RegisterAsync(email);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(LoginModel.InvalidCredentials, FormClient.AlertText(await (await client.LoginAsync(email, "wrong password!")).Content.ReadAsStringAsync()));
            Assert.Equal(LoginModel.InvalidCredentials, FormClient.AlertText(await (await client.LoginAsync(unknown, "wrong password!")).Content.ReadAsStringAsync()));
        }

        var fourth = await client.LoginAsync(email, "wrong password!");
        var unknownFourth = await client.LoginAsync(unknown, "wrong password!");
        var rightPassword = await client.LoginAsync(email);

        Assert.Equal(LoginModel.LockedOut, FormClient.AlertText(await fourth.Content.ReadAsStringAsync()));
        Assert.Equal(LoginModel.LockedOut, FormClient.AlertText(await unknownFourth.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Equal(LoginModel.LockedOut, FormClient.AlertText(await rightPassword.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Logging_in_returns_to_a_local_return_url()
    {
        var email = await RegisteredEmailAsync();
        using var client = site.CreateFormClient();

        var response = await client.LoginAsync(email, returnUrl: "/m/abc-defg-hij");

        Assert.Equal("/m/abc-defg-hij", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_foreign_return_url_is_ignored(string returnUrl)
    {
        var email = await RegisteredEmailAsync();
        using var login = site.CreateFormClient();
        using var register = site.CreateFormClient();

        var afterLogin = await login.LoginAsync(email, returnUrl: returnUrl);
        var afterRegister = await register.RegisterAsync(FormClient.NewEmail(), returnUrl: returnUrl);

        Assert.Equal("/Dashboard", afterLogin.Headers.Location!.OriginalString);
        Assert.Equal("/Dashboard", afterRegister.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_log_in_page_keeps_the_return_url_on_its_create_account_link()
    {
        using var client = site.CreateFormClient();

        var page = await client.GetPageAsync("/Account/Login?ReturnUrl=%2Fm%2Fabc-defg-hij");

        Assert.Contains("href=\"/Account/Register?returnUrl=%2Fm%2Fabc-defg-hij\"", page);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task Every_account_link_keeps_a_local_return_url_and_drops_a_foreign_one(string page)
    {
        using var client = site.CreateFormClient();

        var invited = await client.GetPageAsync(page + "?ReturnUrl=%2Fm%2Fabc-defg-hij");
        var foreign = await client.GetPageAsync(page + "?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Contains("href=\"/Account/Register?returnUrl=%2Fm%2Fabc-defg-hij\"", invited);
        Assert.Contains("href=\"/Account/Login?returnUrl=%2Fm%2Fabc-defg-hij\"", invited);
        Assert.Contains("invited to meeting <span class=\"mono\">abc-defg-hij</span>", invited);
        Assert.DoesNotContain("returnUrl=https", foreign);
        Assert.Contains("href=\"/Account/Register\"", foreign);
        Assert.Contains("href=\"/Account/Login\"", foreign);
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_lax_and_secure_over_https()
    {
        using var client = site.CreateFormClient();
        client.Http.BaseAddress = new Uri("https://localhost/");

        var response = await client.RegisterAsync(FormClient.NewEmail());

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("meetsite.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> RegisteredEmailAsync()
    {
        var email = FormClient.NewEmail();
        using var client = site.CreateFormClient();
        var response = await client.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return email;
    }
}
