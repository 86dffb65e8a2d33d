using System.Net;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Pages;

public sealed class GuardTests(Account.SiteFixture site) : IClassFixture<Account.SiteFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task Public_pages_open_without_an_account(string path)
    {
        using var client = site.CreateFormClient();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/Dashboard", "%2FDashboard")]
    [InlineData("/m/abc-defg-hij", "%2Fm%2Fabc-defg-hij")]
    public async Task Guarded_pages_send_anonymous_visitors_to_log_in_with_a_return_url(string path, string encoded)
    {
        using var client = site.CreateFormClient();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"http://localhost/Account/Login?ReturnUrl={encoded}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Registering_from_a_meeting_link_lands_in_the_meeting()
    {
        using var host = site.CreateFormClient();
        await host.RegisterAsync(FormClient.NewEmail());
        var code = await host.NewMeetingAsync();
        using var newcomer = site.CreateFormClient();

        var response = await newcomer.RegisterAsync(FormClient.NewEmail(), returnUrl: $"/m/{code}");

        Assert.Equal($"/m/{code}", response.Headers.Location!.OriginalString);
        Assert.Contains(code, await newcomer.GetPageAsync($"/m/{code}"));
    }
}
