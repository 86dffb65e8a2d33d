namespace MeetSite.Signaling;

internal sealed partial class WebSocketTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket closed after a server error")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
