using System.Net;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;

namespace MeetSite.Tests.Security;

public sealed class AntiforgeryTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/Account/Logout")]
    [InlineData("/Dashboard?handler=New")]
    [InlineData("/Dashboard?handler=Join")]
    public async Task Every_form_post_without_the_antiforgery_token_is_refused(string path)
    {
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());

        var response = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = FormClient.NewEmail(),
            ["Input.Password"] = FormClient.Password,
            ["Code"] = "abc-defg-hij",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        using var victim = site.CreateFormClient();
        await victim.RegisterAsync(FormClient.NewEmail());
        using var attacker = site.CreateFormClient();
        var attackerToken = FormClient.AntiforgeryToken(await attacker.GetPageAsync("/Account/Login"));

        var response = await victim.Http.PostAsync("/Dashboard?handler=New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = attackerToken,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
