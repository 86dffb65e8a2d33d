using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// An account on a site running on loopback: logs in through the real forms with a cookie container,
/// then opens WebSockets and long-poll sessions with that cookie and the site's Origin, as a browser would.
/// </summary>
public sealed class SignalingUser : IDisposable
{
    private readonly FormClient _forms;

    private SignalingUser(Uri baseUri, CookieContainer cookies, HttpClient http)
    {
        (BaseUri, Cookies, Http) = (baseUri, cookies, http);
        _forms = new FormClient(http);
    }

    public Uri BaseUri { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    public string Origin => BaseUri.GetLeftPart(UriPartial.Authority);

    public string Email { get; private init; } = FormClient.NewEmail();

    /// <summary>The same account, signed in with the same cookies, speaking to the site at <paramref name="baseUri"/> (another node).</summary>
    public SignalingUser Via(Uri baseUri)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        return new SignalingUser(baseUri, Cookies, http) { Email = Email };
    }

    public static async Task<SignalingUser> RegisterAsync(Uri baseUri, string displayName = "Test User")
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var user = new SignalingUser(baseUri, cookies, http);
        var response = await user._forms.RegisterAsync(user.Email, displayName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return user;
    }

    public Task<string> NewMeetingAsync() => _forms.NewMeetingAsync();

    /// <summary>A meeting without the waiting room (see <see cref="FormClient.NewOpenMeetingAsync"/>).</summary>
    public Task<string> NewOpenMeetingAsync() => _forms.NewOpenMeetingAsync();

    public Task<HttpResponseMessage> LogoutAsync() => _forms.LogoutAsync();

    public Task<HttpResponseMessage> LoginAsync() => _forms.LoginAsync(Email);

    /// <summary>Opens <c>/signal/ws/{code}</c>; throws unless the upgrade succeeds.</summary>
    public async Task<WsPeer> ConnectAsync(string code, string? origin = null, bool withCookie = true)
    {
        var socket = CreateSocket(origin, withCookie);
        await socket.ConnectAsync(WebSocketUri(code), CancellationToken.None);
        return new WsPeer(socket);
    }

    /// <summary>The HTTP status of a refused upgrade (101 when it was accepted).</summary>
    public async Task<HttpStatusCode> UpgradeStatusAsync(string code, string? origin = null, bool withCookie = true) =>
        (await UpgradeAsync(code, origin, withCookie)).Status;

    /// <summary>The status of an upgrade (101 when accepted, then aborted at once) and its Retry-After header, if any.</summary>
    public async Task<(HttpStatusCode Status, string? RetryAfter)> UpgradeAsync(string code, string? origin = null, bool withCookie = true)
    {
        using var socket = CreateSocket(origin, withCookie);
        try
        {
            await socket.ConnectAsync(WebSocketUri(code), CancellationToken.None);
            socket.Abort();
        }
        catch (WebSocketException)
        {
        }
        var retryAfter = socket.HttpResponseHeaders?.TryGetValue("Retry-After", out var values) == true ? values.FirstOrDefault() : null;
        return (socket.HttpStatusCode, retryAfter);
    }

    public async Task<WsPeer> JoinWsAsync(string code, string name = "Ann")
    {
        var peer = await ConnectAsync(code);
        await peer.JoinAsync(name);
        return peer;
    }

    public Task<LpPeer> JoinLongPollAsync(string code, string name = "Lee") => LpPeer.OpenAsync(this, code, $$"""{"type":"join","name":"{{name}}"}""");

    public HttpRequestMessage Request(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", Origin);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    public void Dispose() => Http.Dispose();

    private ClientWebSocket CreateSocket(string? origin, bool withCookie)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin ?? Origin);
        if (withCookie)
        {
            socket.Options.Cookies = Cookies;
        }
        return socket;
    }

    private Uri WebSocketUri(string code) => new($"ws://{BaseUri.Authority}/signal/ws/{code}");
}
