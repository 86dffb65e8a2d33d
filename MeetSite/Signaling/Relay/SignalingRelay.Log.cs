namespace MeetSite.Signaling;

internal sealed partial class SignalingRelay
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Participant {ParticipantId} joined {Code} ({Count} in the meeting)")]
    private static partial void LogJoined(ILogger logger, string participantId, string code, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Participant {ParticipantId} asks to join {Code}")]
    private static partial void LogWaiting(ILogger logger, string participantId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} used '{Control}' on {Target} in {Code}")]
    private static partial void LogControl(ILogger logger, string participantId, string control, string target, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} set {Code} to locked={Locked} waitingRoom={WaitingRoom}")]
    private static partial void LogSettings(ILogger logger, string participantId, string code, bool locked, bool waitingRoom);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Participant {ParticipantId} left {Code}: {Reason}")]
    private static partial void LogLeft(ILogger logger, string participantId, string code, CloseReason reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Participant {ParticipantId} resumed after seq {LastSeq}")]
    private static partial void LogResumed(ILogger logger, string participantId, long lastSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} restored from its resume token after seq {LastSeq}")]
    private static partial void LogRestored(ILogger logger, string participantId, long lastSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Count} signaling connections told to move to the next process")]
    internal static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} disconnected: its outbound queue is full")]
    private static partial void LogSlowConsumer(ILogger logger, string participantId);
}
