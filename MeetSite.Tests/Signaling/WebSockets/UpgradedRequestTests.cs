using System.Runtime.CompilerServices;
using MeetSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

public sealed class UpgradedRequestTests
{
    [Fact]
    public async Task An_open_socket_no_longer_holds_its_handshake_headers_cookies_user_or_services()
    {
        var probe = new HandshakeProbe();
        using var site = SignalingSite.With(null, services: services => services.AddSingleton<IStartupFilter>(probe));
        using var ann = await site.UserAsync();
        var code = await ann.NewOpenMeetingAsync();
        await using var peer = await ann.JoinWsAsync(code);

        // The welcome comes after the handshake state is let go, and the request is still open.
        var request = probe.Upgraded!.Request;
        Assert.Empty(request.Headers);
        Assert.Empty(request.Cookies);
        Assert.Empty(probe.Upgraded.User.Claims);
        // The handshake's scope of services (its authentication handler, ticket and claims) is gone.
        Assert.Null(probe.Upgraded.RequestServices);
        // Kestrel itself must not keep the Cookie header's text either (it would, to reuse it, by default).
        await SignalingSite.EventuallyAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return !probe.CookieHeader!.IsAlive;
        }, "the Cookie header's text is collected");

        // The socket still works.
        using var benAccount = await site.UserAsync("Ben");
        await using var ben = await benAccount.JoinWsAsync(code, "Ben");
        await peer.WaitForAsync("joined");
        await ben.SignalAsync(peer.Id, """{"sdp":"x"}""");
        Assert.Equal(ben.Id, (await peer.WaitForAsync("signal")).GetProperty("from").GetString());
    }

    /// <summary>Remembers the WebSocket request's context, and the Cookie header's text only weakly.</summary>
    private sealed class HandshakeProbe : IStartupFilter
    {
        public HttpContext? Upgraded { get; private set; }

        public WeakReference? CookieHeader { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                // Before UseWebSockets, so the path says which request will be upgraded.
                if (http.Request.Path.StartsWithSegments("/signal/ws") && Upgraded is null)
                {
                    Upgraded = http;
                    CookieHeader = WeakCookieHeader(http);
                }
                return following(http);
            });
            next(app);
        };

        // Its own frame, so no local of the test keeps the string alive.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference WeakCookieHeader(HttpContext http)
        {
            var header = (string?)http.Request.Headers.Cookie;
            Assert.False(string.IsNullOrEmpty(header));
            return new WeakReference(header);
        }
    }
}
