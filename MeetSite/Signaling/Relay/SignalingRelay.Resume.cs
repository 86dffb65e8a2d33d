using MeetSite.Meetings;

namespace MeetSite.Signaling;

internal sealed partial class SignalingRelay
{
    /// <summary>
    /// Gives a dropped participant a new transport: same id, a welcome with the current participants,
    /// then everything after <c>lastSeq</c>. The transport it had, if still open, is taken over. When this
    /// process does not know the participant (it restarted, or the participant was on another node), a
    /// valid token restores it with the same id, so its peers keep their connections to it (when the
    /// <see cref="IRestoreRecord"/> allows).
    /// </summary>
    private async Task<(Participant?, SignalingError?)> ResumeAsync(Meeting meeting, string userId, string accountName, JoinMessage join,
        ResumeRequest resume, ITransport transport)
    {
        if (_tokens.Read(resume.Token) is not { } ticket
            || ticket.ParticipantId != resume.Id || ticket.UserId != userId || ticket.MeetingCode != meeting.Code)
        {
            return ResumeFailed("Nothing to resume: join afresh.");
        }
        if (_rooms.Find(meeting.Code)?.Find(resume.Id) is not { } participant)
        {
            if (!await _restores.MayRestoreAsync(meeting.Code, resume.Id))
            {
                return ResumeFailed("Nothing to resume: join afresh.");
            }
            LogRestored(_logger, resume.Id, resume.LastSeq);
            return await EnterAsync(meeting, userId, ShownName(accountName), join, new Restored(resume.Id, resume.Token, resume.LastSeq), transport);
        }
        if (participant.UserId != userId)
        {
            return ResumeFailed("Nothing to resume: join afresh.");
        }
        if (participant.IsWaiting)
        {
            return ResumeFailed("Nothing to resume: ask to join afresh.");
        }
        var welcome = ServerMessages.Welcome(participant, [.. participant.Room.Members.Where(m => m != participant)], [], StillRestoring(participant),
            participant.Room.State);
        if (!participant.Outbound.TryAttach(transport, resume.LastSeq, new OutboundFrame(resume.LastSeq, welcome), out var previous))
        {
            // Part of the replay is gone: the participant cannot continue where it was.
            Leave(participant, CloseReason.Expired);
            return ResumeFailed("Messages were lost: join afresh.");
        }
        participant.StopGrace();
        previous?.Close(CloseReason.TakenOver);
        LogResumed(_logger, participant.Id, resume.LastSeq);
        return (participant, null);
    }

    /// <summary>
    /// For a participant restored here, what is left of the wait for the others: a resume within it says
    /// <c>restored</c> again, or its client would read those not back yet as gone and drop its peer
    /// connections to them (CI saw a browser resume on a new socket right after a slow restore).
    /// </summary>
    private TimeSpan? StillRestoring(Participant participant) =>
        participant.IsRestored && _restores.WaitForOthers(participant.Room) is var wait && wait > TimeSpan.Zero ? wait : null;

    private static (Participant?, SignalingError?) ResumeFailed(string why) => (null, new SignalingError(ErrorCodes.ResumeFailed, why, "join"));
}
