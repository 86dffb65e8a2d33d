namespace MeetSite.Signaling;

internal sealed partial class WebSocketTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);
}
