using System.Net.WebSockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using MeetSite.Meetings;
using Microsoft.AspNetCore.Authentication;

namespace MeetSite.Signaling;

/// <summary>
/// Accepts <c>GET /signal/ws/{code}</c> after the request checks and runs the socket until it closes.
/// </summary>
/// <remarks>
/// An accepted socket keeps its HTTP request for the whole call, and with the request everything its
/// services hold: the authentication handler, the cookie's ticket and its claims. So this runs before
/// UseAuthentication and authenticates the handshake itself, with the same handler and the same checks,
/// in a scope of services that is let go of once the socket is accepted. A refused or failed handshake
/// keeps its scope until the request ends, as any request does, so error handling still has services.
/// </remarks>
internal sealed class WebSocketRelayMiddleware(RequestDelegate next, RequestGate gate, SignalingRelay relay,
    OpenTransports transports, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WebSocketTransport> logger)
{
    public const string PathPrefix = "/signal/ws";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(PathPrefix, out var rest) || !HttpMethods.IsGet(http.Request.Method))
        {
            await next(http);
            return;
        }
        if (await HandshakeAsync(http, rest.Value?.TrimStart('/')) is not (var socket, var meeting, var seat))
        {
            return;
        }
        using (socket)
        {
            using var transport = new WebSocketTransport(socket, relay, meeting, http.User, clock, logger);
            UpgradedRequest.ReleaseHandshakeState(http);
            transports.Add(transport, seat);
            using var scope = MeetingLogScope.Begin(logger, meeting.Code);
            try
            {
                await transport.RunAsync();
            }
            finally
            {
                transports.Remove(transport);
            }
        }
    }

    /// <summary>
    /// The accepted socket, its meeting and its seat among the account's connections, or null when the
    /// request was answered with a refusal.
    /// </summary>
    private async Task<(WebSocket Socket, Meeting Meeting, RateLimitLease Seat)?> HandshakeAsync(HttpContext http, string? code)
    {
        var handshake = scopes.CreateAsyncScope();
        http.RequestServices = handshake.ServiceProvider;
        WebSocket? socket = null;
        RateLimitLease? seat = null;
        try
        {
            if ((await http.AuthenticateAsync()).Principal is { } user)
            {
                http.User = user;
            }
            if (await gate.OpenAsync(http, code) is not (var meeting, var opened))
            {
                return null;
            }
            seat = opened;
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            }
            socket = await http.WebSockets.AcceptWebSocketAsync();
            return (socket, meeting, seat);
        }
        finally
        {
            if (socket is null)
            {
                seat?.Dispose();
                http.Response.RegisterForDisposeAsync(handshake);
            }
            else
            {
                await handshake.DisposeAsync();
                http.RequestServices = null!;
            }
        }
    }
}
