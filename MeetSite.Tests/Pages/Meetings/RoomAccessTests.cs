using System.Net;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;

namespace MeetSite.Tests.Pages.Meetings;

public sealed class RoomAccessTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("/m/zzz-zzzz-zzz")]
    [InlineData("/m/not-a-code")]
    [InlineData("/m/%3Cscript%3E")]
    public async Task An_unknown_or_malformed_meeting_link_is_a_friendly_404(string path)
    {
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_pages_all_offer_log_out()
    {
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());
        var code = await client.NewMeetingAsync();

        foreach (var path in new[] { "/", "/Dashboard", $"/m/{code}", "/Account/Logout" })
        {
            Assert.Matches("<button type=\"submit\"[^>]*>Log out</button>", await client.GetPageAsync(path));
        }
    }

    [Fact]
    public async Task A_hand_typed_variant_of_a_code_redirects_to_the_canonical_link()
    {
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());
        var code = await client.NewMeetingAsync();

        var response = await client.Http.GetAsync($"/m/{code.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/m/{code}", response.Headers.Location!.OriginalString);
    }
}
