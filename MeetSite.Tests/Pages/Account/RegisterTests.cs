using System.Net;
using MeetSite.Pages.Account;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Pages.Account;

public sealed class RegisterTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Registering_signs_in_and_lands_on_the_dashboard()
    {
        using var client = site.CreateFormClient();

        var response = await client.RegisterAsync(FormClient.NewEmail(), "Ada Lovelace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Dashboard", response.Headers.Location!.OriginalString);
        var dashboard = await client.GetPageAsync("/Dashboard");
        Assert.Contains("Ada Lovelace", dashboard);
        Assert.Contains("Log out", dashboard);
    }

    [Fact]
    public async Task The_stored_password_hash_is_bcrypt()
    {
        using var client = site.CreateFormClient();
        var email = FormClient.NewEmail();

        await client.RegisterAsync(email);

        var hash = await site.StoredHashAsync(email);
        Assert.StartsWith("$2", hash);
        Assert.StartsWith("$2a$04$", hash);
    }

    [Fact]
    public async Task A_taken_email_gets_a_clear_message()
    {
        var email = FormClient.NewEmail();
        using (var first = site.CreateFormClient())
        {
            await first.RegisterAsync(email);
        }
        using var second = site.CreateFormClient();

        var response = await second.RegisterAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegisterModel.EmailTaken, FormClient.AlertText(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("short", "short", "at least 8 characters")]
    [InlineData("long enough", "different!", "do not match")]
    public async Task Bad_passwords_are_refused_with_a_reason(string password, string confirmation, string reason)
    {
        using var client = site.CreateFormClient();

        var response = await client.SubmitAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = FormClient.NewEmail(),
            ["Input.DisplayName"] = "Someone",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, FormClient.AlertText(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_display_name_is_refused_with_a_reason(string displayName)
    {
        using var client = site.CreateFormClient();

        var response = await client.RegisterAsync(FormClient.NewEmail(), displayName);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter a display name.", FormClient.AlertText(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("Mallory\u202Egnp.exe")]
    [InlineData("Eve\u2066Admin\u2069")]
    [InlineData("Bell\u0007")]
    [InlineData("Next\u0085Line")]
    [InlineData("Tab\tName")]
    public async Task A_display_name_with_control_or_direction_characters_is_refused(string displayName)
    {
        using var client = site.CreateFormClient();

        var response = await client.RegisterAsync(FormClient.NewEmail(), displayName);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegisterModel.UnsafeDisplayName, FormClient.AlertText(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_display_name_in_any_script_is_accepted()
    {
        using var client = site.CreateFormClient();

        var response = await client.RegisterAsync(FormClient.NewEmail(), "Zoë Ødegård שלום 李");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_password_without_digits_or_symbols_is_accepted()
    {
        using var client = site.CreateFormClient();

        var response = await client.RegisterAsync(FormClient.NewEmail(), password: "plainwords");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

/// <summary>One site per test class; tests use fresh accounts, so they do not disturb each other.</summary>
public sealed class SiteFixture() : TestSite(null);
