namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// Requests as a TLS-terminating proxy passes them on: the public Host, X-Forwarded-Proto and
/// X-Forwarded-For on every request, sent to a site on a real loopback port (so the peer is 127.0.0.1).
/// Keeps cookies itself, whatever their Secure flag (the site is reached over plain HTTP here), and
/// records every Set-Cookie header for assertions. Redirects are not followed.
/// </summary>
public sealed class ProxiedClient : DelegatingHandler
{
    public const string PublicHost = "meet.example.test";

    private readonly Dictionary<string, string> _cookies = [];

    private ProxiedClient() : base(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
    }

    /// <summary>The client address the proxy claims; null sends no X-Forwarded-For.</summary>
    public string? ForwardedFor { get; set; } = "203.0.113.7";

    public string ForwardedProto { get; set; } = "https";

    public List<string> SetCookies { get; } = [];

    /// <summary>A form client whose requests go through a new <see cref="ProxiedClient"/>.</summary>
    public static (FormClient Forms, ProxiedClient Proxy) For(Uri site)
    {
        var proxy = new ProxiedClient();
        return (new FormClient(new HttpClient(proxy) { BaseAddress = site }), proxy);
    }

    /// <summary>The Set-Cookie header that set the cookie <paramref name="name"/> (the last one).</summary>
    public string SetCookie(string name) =>
        SetCookies.LastOrDefault(header => header.StartsWith(name + "=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The site never set the cookie {name}.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", ForwardedProto);
        if (ForwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", ForwardedFor);
        }
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }
        var response = await base.SendAsync(request, cancellationToken);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookies.Add(header);
            var pair = header.Split(';', 2)[0].Split('=', 2);
            if (pair[1].Length == 0)
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }
        return response;
    }
}
