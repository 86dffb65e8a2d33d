using System.Net;
using System.Text;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Security;

/// <summary>
/// The site on a real loopback port, reached by a client that behaves like nginx terminating TLS
/// (<see cref="ProxiedClient"/>). Its peer is 127.0.0.1: a known proxy by default, or not one when the
/// configuration names other proxies, and then its forwarded headers must change nothing.
/// </summary>
public sealed class ReverseProxyTests
{
    public static readonly TheoryData<string, bool> Peers = new()
    {
        { "loopback, the default known proxy", true },
        { "inside a known network", true },
        { "not a known proxy", false },
    };

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Redirects_HSTS_and_Secure_cookies_follow_the_scheme_only_a_known_proxy_forwards(string peer, bool trusted)
    {
        using var site = Site(peer);
        var (forms, proxy) = ProxiedClient.For(site.StartOnLoopback());
        using var _ = forms;

        var toLogin = await forms.Http.GetAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var scheme = trusted ? "https" : "http";
        Assert.StartsWith($"{scheme}://{ProxiedClient.PublicHost}/Account/Login?", toLogin.Headers.Location!.AbsoluteUri);
        Assert.Equal(trusted, toLogin.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, (await forms.RegisterAsync(FormClient.NewEmail())).StatusCode);
        Assert.Equal(trusted, IsSecure(proxy.SetCookie("meetsite.auth")));
        Assert.Equal(trusted, IsSecure(proxy.SetCookie("meetsite.csrf")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Signaling_accepts_the_public_https_Origin_only_when_a_known_proxy_forwarded_https(string peer, bool trusted)
    {
        using var site = Site(peer);
        var (forms, _) = ProxiedClient.For(site.StartOnLoopback());
        using var __ = forms;
        await forms.RegisterAsync(FormClient.NewEmail());
        var code = await forms.NewMeetingAsync();

        using var open = new HttpRequestMessage(HttpMethod.Post, $"/signal/lp/{code}")
        {
            Content = new StringContent("""{"type":"join","name":"Ann"}""", Encoding.UTF8, "application/json"),
        };
        open.Headers.Add("Origin", $"https://{ProxiedClient.PublicHost}");
        using var response = await forms.Http.SendAsync(open);

        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task The_log_in_rate_limit_counts_per_client_address_only_as_a_known_proxy_forwards_it(string peer, bool trusted)
    {
        using var site = Site(peer, new() { ["RateLimits:Login:PermitsPerMinute"] = "2" });
        var (forms, proxy) = ProxiedClient.For(site.StartOnLoopback());
        using var _ = forms;

        proxy.ForwardedFor = "203.0.113.7";
        Assert.Equal(HttpStatusCode.OK, (await forms.LoginAsync(FormClient.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forms.LoginAsync(FormClient.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await forms.LoginAsync(FormClient.NewEmail())).StatusCode);

        // Another person behind the same proxy has a window of their own; a spoofed address gets none.
        proxy.ForwardedFor = "203.0.113.8";
        var other = await forms.LoginAsync(FormClient.NewEmail());
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    private static TestSite Site(string peer, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        if (peer != "loopback, the default known proxy")
        {
            // Both entries of the shipped list, so neither loopback address is left in it.
            settings["ReverseProxy:KnownProxies:0"] = "192.0.2.1";
            settings["ReverseProxy:KnownProxies:1"] = "192.0.2.2";
        }
        if (peer == "inside a known network")
        {
            settings["ReverseProxy:KnownNetworks:0"] = "127.0.0.0/8";
        }
        return new TestSite(settings);
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}
