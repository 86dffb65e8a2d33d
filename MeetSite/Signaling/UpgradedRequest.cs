using Microsoft.AspNetCore.Http.Features;

namespace MeetSite.Signaling;

/// <summary>
/// An accepted WebSocket keeps its HTTP request alive for as long as the call lasts, and with it
/// everything the handshake needed: the request headers (the sign-in cookie alone is over 1 KB of text)
/// and the cookies parsed from them. Once the socket is accepted and the participant's identity is
/// taken, none of it is read again, so it is let go rather than held by every idle connection.
/// </summary>
internal static class UpgradedRequest
{
    public static void ReleaseHandshakeState(HttpContext http)
    {
        http.Request.Headers.Clear();
        // The cookies feature keeps its own parse of the old Cookie header: replace it with one of the
        // (now empty) headers.
        http.Features.Set<IRequestCookiesFeature>(new RequestCookiesFeature(http.Features));
    }
}
