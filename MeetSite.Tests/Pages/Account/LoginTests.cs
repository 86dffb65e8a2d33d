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
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var email = await RegisteredEmailAsync();
        using var client = site.CreateFormClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await client.LoginAsync(email, "wrong password!");
            Assert.Equal(LoginModel.InvalidCredentials, FormClient.AlertText(await failed.Content.ReadAsStringAsync()));
        }

        var fifth = await client.LoginAsync(email, "wrong password!");
        var rightPassword = await client.LoginAsync(email);

        Assert.Equal(LoginModel.LockedOut, FormClient.AlertText(await fifth.Content.ReadAsStringAsync()));
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
