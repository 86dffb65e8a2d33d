using System.Net;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Security;

public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Log_in_attempts_from_one_address_are_limited_per_minute()
    {
        using var site = new TestSite(new Dictionary<string, string?> { ["RateLimits:Login:PermitsPerMinute"] = "3" });
        using var client = site.CreateFormClient();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(FormClient.NewEmail())).StatusCode);
        }

        var limited = await client.LoginAsync(FormClient.NewEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
    }
}
