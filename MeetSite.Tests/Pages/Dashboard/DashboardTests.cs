using System.Net;
using System.Text.RegularExpressions;
using MeetSite.Pages.Dashboard;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;

namespace MeetSite.Tests.Pages.Dashboard;

public sealed partial class DashboardTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task New_meeting_creates_a_meeting_and_opens_its_page()
    {
        using var client = await SignedInAsync();

        var code = await client.NewMeetingAsync();

        Assert.Matches("^[a-z]{3}-[a-z]{4}-[a-z]{3}$", code);
        var page = await client.GetPageAsync($"/m/{code}");
        Assert.Contains($"http://localhost/m/{code}", page);
        Assert.Contains("Copy invite link", page);
    }

    [Fact]
    public async Task Two_new_meetings_get_different_codes()
    {
        using var client = await SignedInAsync();

        Assert.NotEqual(await client.NewMeetingAsync(), await client.NewMeetingAsync());
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData(" {0} ")]
    [InlineData("http://localhost/m/{0}")]
    [InlineData("https://meetsite.example/m/{0}?from=mail")]
    public async Task Join_takes_a_code_or_a_whole_invite_link(string input)
    {
        using var host = await SignedInAsync();
        var code = await host.NewMeetingAsync();
        using var guest = await SignedInAsync();

        var response = await JoinAsync(guest, string.Format(System.Globalization.CultureInfo.InvariantCulture, input, code));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/m/{code}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("nope", DashboardModel.MalformedCode)]
    [InlineData("", DashboardModel.MalformedCode)]
    [InlineData("https://evil.example/x", DashboardModel.MalformedCode)]
    [InlineData("<b>abc</b>", DashboardModel.MalformedCode)]
    [InlineData("zzz-zzzz-zzz", DashboardModel.UnknownCode)]
    public async Task Join_with_a_malformed_or_unknown_code_shows_a_clear_error_on_the_dashboard(string input, string error)
    {
        using var client = await SignedInAsync();

        var response = await JoinAsync(client, input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(error, FormClient.AlertText(html));
        Assert.Contains("New meeting", html);
    }

    [Fact]
    public async Task History_lists_meetings_started_or_opened_most_recent_first()
    {
        using var other = await SignedInAsync("Other Host");
        var theirs = await other.NewMeetingAsync();
        using var client = await SignedInAsync();
        var first = await client.NewMeetingAsync();
        var second = await client.NewMeetingAsync();
        await Task.Delay(5);
        await client.GetPageAsync($"/m/{theirs}");
        await Task.Delay(5);
        await client.GetPageAsync($"/m/{first}");

        var dashboard = await client.GetPageAsync("/Dashboard");

        var listed = HistoryCode().Matches(dashboard).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([first, theirs, second], listed);
        Assert.Contains("Hosted by Other Host", dashboard);
        Assert.DoesNotContain(await other.NewMeetingAsync(), await client.GetPageAsync("/Dashboard"));
    }

    [Fact]
    public async Task Display_names_are_encoded_not_rendered()
    {
        using var client = await SignedInAsync("<img src=x onerror=alert(1)>");

        var dashboard = await client.GetPageAsync("/Dashboard");

        Assert.DoesNotContain("<img src=x", dashboard);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dashboard);
    }

    private async Task<FormClient> SignedInAsync(string name = "Dash Board")
    {
        var client = site.CreateFormClient();
        var response = await client.RegisterAsync(FormClient.NewEmail(), name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> JoinAsync(FormClient client, string code) =>
        client.SubmitAsync("/Dashboard", new Dictionary<string, string> { ["Code"] = code }, "/Dashboard?handler=Join");

    [GeneratedRegex("class=\"history__code\">([a-z-]+)<")]
    private static partial Regex HistoryCode();
}
