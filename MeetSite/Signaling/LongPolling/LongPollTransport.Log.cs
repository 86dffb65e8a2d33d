namespace MeetSite.Signaling;

internal sealed partial class LongPollTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Long-poll session {SessionId} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string sessionId, CloseReason reason);
}
