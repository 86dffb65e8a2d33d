namespace MeetSite.Signaling;

public sealed partial class AttendanceLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record {Count} attendance entries")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attendance queue full: dropped an entry for participant {ParticipantId}")]
    private static partial void LogDropped(ILogger logger, string participantId);
}
