using MeetSite.Meetings;

namespace MeetSite.Signaling;

internal sealed partial class SignalingRelay
{
    /// <summary>
    /// Gives a dropped participant a new transport: same id, a welcome with the current participants,
    /// then everything after <c>lastSeq</c>. The transport it had, if still open, is taken over.
    /// </summary>
    private (Participant?, SignalingError?) Resume(Meeting meeting, string userId, ResumeRequest resume, ITransport transport)
    {
        var participant = _rooms.Find(meeting.Code)?.Find(resume.Id);
        if (participant is null || participant.UserId != userId || !SecretId.Matches(participant.Token, resume.Token))
        {
            return (null, new SignalingError(ErrorCodes.ResumeFailed, "Nothing to resume: join afresh.", "join"));
        }
        var welcome = ServerMessages.Welcome(participant, [.. participant.Room.Members.Where(m => m != participant)], []);
        if (!participant.Outbound.TryAttach(transport, resume.LastSeq, new OutboundFrame(resume.LastSeq, welcome), out var previous))
        {
            // Part of the replay is gone: the participant cannot continue where it was.
            Leave(participant, CloseReason.Expired);
            return (null, new SignalingError(ErrorCodes.ResumeFailed, "Messages were lost: join afresh.", "join"));
        }
        participant.StopGrace();
        previous?.Close(CloseReason.TakenOver);
        LogResumed(_logger, participant.Id, resume.LastSeq);
        return (participant, null);
    }
}
