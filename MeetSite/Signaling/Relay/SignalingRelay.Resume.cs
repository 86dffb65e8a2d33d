using System.Collections.Concurrent;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

internal sealed partial class SignalingRelay
{
    // Restores are for participants whose process died: they come back within Signaling:RestoreWindow of
    // this one's start. Later, an unknown participant has left (or was never let back), and its token
    // restores nobody.
    private readonly DateTimeOffset _restoresUntil;

    // Who left in this process while restores are still open, so a token cannot bring them back.
    private readonly ConcurrentDictionary<string, byte> _leftWhileRestoring = new(StringComparer.Ordinal);

    private bool InRestoreWindow => _clock.GetUtcNow() < _restoresUntil;

    /// <summary>How long the others may still come back here; a restored client waits that long for them.</summary>
    private TimeSpan RestoreTimeLeft => _restoresUntil - _clock.GetUtcNow();

    /// <summary>
    /// Gives a dropped participant a new transport: same id, a welcome with the current participants,
    /// then everything after <c>lastSeq</c>. The transport it had, if still open, is taken over. When this
    /// process does not know the participant (it restarted, or the participant was on another node), a
    /// valid token restores it with the same id, so its peers keep their connections to it (within the restore
    /// window after this process started).
    /// </summary>
    private Task<(Participant?, SignalingError?)> ResumeAsync(Meeting meeting, string userId, string accountName, JoinMessage join,
        ResumeRequest resume, ITransport transport)
    {
        if (_tokens.Read(resume.Token) is not { } ticket
            || ticket.ParticipantId != resume.Id || ticket.UserId != userId || ticket.MeetingCode != meeting.Code)
        {
            return Task.FromResult(ResumeFailed("Nothing to resume: join afresh."));
        }
        if (_rooms.Find(meeting.Code)?.Find(resume.Id) is not { } participant)
        {
            if (!InRestoreWindow || _leftWhileRestoring.ContainsKey(resume.Id))
            {
                return Task.FromResult(ResumeFailed("Nothing to resume: join afresh."));
            }
            LogRestored(_logger, resume.Id, resume.LastSeq);
            return EnterAsync(meeting, userId, ShownName(accountName), join, new Restored(resume.Id, resume.Token, resume.LastSeq), transport);
        }
        if (participant.UserId != userId)
        {
            return Task.FromResult(ResumeFailed("Nothing to resume: join afresh."));
        }
        if (participant.IsWaiting)
        {
            return Task.FromResult(ResumeFailed("Nothing to resume: ask to join afresh."));
        }
        var welcome = ServerMessages.Welcome(participant, [.. participant.Room.Members.Where(m => m != participant)], [], null, participant.Room.State);
        if (!participant.Outbound.TryAttach(transport, resume.LastSeq, new OutboundFrame(resume.LastSeq, welcome), out var previous))
        {
            // Part of the replay is gone: the participant cannot continue where it was.
            Leave(participant, CloseReason.Expired);
            return Task.FromResult(ResumeFailed("Messages were lost: join afresh."));
        }
        participant.StopGrace();
        previous?.Close(CloseReason.TakenOver);
        LogResumed(_logger, participant.Id, resume.LastSeq);
        return Task.FromResult<(Participant?, SignalingError?)>((participant, null));
    }

    private static (Participant?, SignalingError?) ResumeFailed(string why) => (null, new SignalingError(ErrorCodes.ResumeFailed, why, "join"));
}
