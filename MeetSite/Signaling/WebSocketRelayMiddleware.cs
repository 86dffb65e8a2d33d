namespace MeetSite.Signaling;

/// <summary>Accepts <c>GET /signal/ws/{code}</c> after the request checks and runs the socket until it closes.</summary>
internal sealed class WebSocketRelayMiddleware(RequestDelegate next, RequestGate gate, SignalingRelay relay,
    OpenTransports transports, TimeProvider clock, ILogger<WebSocketTransport> logger)
{
    public const string PathPrefix = "/signal/ws";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(PathPrefix, out var rest) || !HttpMethods.IsGet(http.Request.Method))
        {
            await next(http);
            return;
        }
        var meeting = await gate.CheckAsync(http, rest.Value?.TrimStart('/'), opening: true);
        if (meeting is null)
        {
            return;
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var transport = new WebSocketTransport(socket, relay, meeting, http.User, clock, logger);
        UpgradedRequest.ReleaseHandshakeState(http);
        transports.Add(transport);
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
