using MeetSite.Security;
using MeetSite.Tests.Pages.Account;

namespace MeetSite.Tests.Security;

public sealed class SecurityHeadersTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_a_strict_content_security_policy(string path)
    {
        using var client = site.CreateFormClient();

        var response = await client.Http.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_or_styles()
    {
        using var client = site.CreateFormClient();

        foreach (var path in new[] { "/", "/Account/Login", "/Account/Register" })
        {
            var html = await client.GetPageAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain("<style", html);
            Assert.DoesNotContain(" style=\"", html);
        }
    }
}
