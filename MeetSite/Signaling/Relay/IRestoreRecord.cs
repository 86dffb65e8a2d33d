namespace MeetSite.Signaling;

/// <summary>
/// Who may still be restored: a participant unknown to this process that comes back with a valid resume
/// token, because the process that held it is gone (docs/signaling.md, "Surviving a restart").
/// </summary>
internal interface IRestoreRecord
{
    /// <summary>Whether <paramref name="participantId"/> of <paramref name="meetingCode"/> may enter again under its own id.</summary>
    ValueTask<bool> MayRestoreAsync(string meetingCode, string participantId);

    /// <summary>A participant left for good: its token must never bring it back.</summary>
    void Left(string meetingCode, string participantId);

    /// <summary>How long a restored client keeps its peer connections to others who are not back yet.</summary>
    TimeSpan WaitForOthers(Room room);
}
