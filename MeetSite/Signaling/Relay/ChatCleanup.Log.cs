namespace MeetSite.Signaling;

internal sealed partial class ChatCleanup
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Chat clean-up deleted {Count} messages")]
    private static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat clean-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
