using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;

namespace MeetSite.Signaling;

/// <summary>
/// An accepted WebSocket keeps its HTTP request alive for as long as the call lasts, and with it
/// everything the handshake needed: the request headers (the sign-in cookie alone is over 1 KB of text),
/// the cookies parsed from them and the signed-in user with its claims. Once the socket is accepted and
/// the transport has taken the user's id and name, none of it is read again, so it is let go rather than
/// held by every idle connection. (The handshake's services go too: see WebSocketRelayMiddleware.)
/// </summary>
internal static class UpgradedRequest
{
    public static void ReleaseHandshakeState(HttpContext http)
    {
        // Kestrel keeps a cleared request's header strings to reuse on the connection's next request. An
        // upgraded request has none: removing each header one by one lets go of its string.
        var headers = http.Request.Headers;
        foreach (var name in headers.Keys.ToArray())
        {
            headers.Remove(name);
        }
        // The cookies feature keeps its own parse of the old Cookie header: replace it with one of the
        // (now empty) headers.
        http.Features.Set<IRequestCookiesFeature>(new RequestCookiesFeature(http.Features));
        http.User = new ClaimsPrincipal();
    }
}
