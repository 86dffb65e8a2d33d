using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// The meeting controls (docs/signaling.md, Meeting controls): who may use each, checked here for both
/// transports, on the sender the connection joined as. A target is a participant id of the sender's own
/// meeting; anything else is unknown.
/// </summary>
internal sealed partial class SignalingRelay
{
    private async Task<SignalingError?> ControlAsync(Participant sender, ClientMessage message)
    {
        var room = sender.Room;
        if (message is HandMessage { Id: null } own)
        {
            room.SetHand(sender, own.Raised);
            return null;
        }
        if (!sender.CanModerate)
        {
            return Forbidden(message, "Only a host or co-host can do that.");
        }
        switch (message)
        {
            case AdmitMessage admit:
                return await AdmitAsync(sender, admit.Id);
            case AdmitAllMessage:
                SignalingError? first = null;
                foreach (var waiter in room.Waiting)
                {
                    first ??= await AdmitAsync(sender, waiter.Id) is { Code: ErrorCodes.MeetingFull } full ? full : null;
                }
                return first;
            case DenyMessage deny:
                if (room.Deny(deny.Id) is not { } denied)
                {
                    return NotWaiting(message);
                }
                LogControl(_logger, sender.Id, message.Type, denied.Id, room.Meeting.Code);
                Leave(denied, CloseReason.Denied);
                return null;
            case HandMessage hand when hand.Raised:
                return Forbidden(message, "Only its owner can raise a hand.");
            case SettingsMessage settings:
                var (locked, waitingRoom) = room.ChangeSettings(settings.Locked, settings.WaitingRoom);
                await _controls.SetSettingsAsync(room.Meeting.Id, locked, waitingRoom);
                LogSettings(_logger, sender.Id, room.Meeting.Code, locked, waitingRoom);
                return null;
            case EndMessage:
                return sender.Role == ParticipantRole.Host ? await EndAsync(sender) : Forbidden(message, "Only the host can end the meeting for everyone.");
            case MuteAllMessage:
                foreach (var member in room.Members.Where(member => member.Role == ParticipantRole.Guest))
                {
                    Mute(sender, member);
                }
                return null;
            default:
                return await TargetedAsync(sender, message);
        }
    }

    /// <summary>The controls aimed at one member: lower a hand, ask to mute, remove, make or unmake co-host.</summary>
    private async Task<SignalingError?> TargetedAsync(Participant sender, ClientMessage message)
    {
        var id = message switch
        {
            HandMessage hand => hand.Id!,
            MuteMessage mute => mute.Id,
            RemoveMessage remove => remove.Id,
            CoHostMessage coHost => coHost.Id,
            _ => throw new InvalidOperationException($"Not a control: {message.Type}"),
        };
        if (sender.Room.Find(id) is not { } target)
        {
            return new SignalingError(ErrorCodes.UnknownParticipant, "No such participant in this meeting.", message.Type);
        }
        if (message is HandMessage)
        {
            sender.Room.SetHand(target, raised: false);
            return null;
        }
        // Nobody acts on the host; a co-host acts only on guests, the host on anyone else.
        if (target.Role == ParticipantRole.Host || (sender.Role != ParticipantRole.Host && target.Role != ParticipantRole.Guest))
        {
            return Forbidden(message, "You cannot do that to this person.");
        }
        LogControl(_logger, sender.Id, message.Type, target.Id, sender.Room.Meeting.Code);
        switch (message)
        {
            case MuteMessage:
                Mute(sender, target);
                return null;
            case RemoveMessage:
                await _controls.SetRoleAsync(sender.Room.Meeting.Id, target.UserId, MeetingControlStore.Removed);
                foreach (var participant in sender.Room.RemoveAccount(target.UserId))
                {
                    Tell(participant, ServerMessages.ByHost("removed", sender.Name));
                    Leave(participant, CloseReason.Removed);
                }
                return null;
            case CoHostMessage coHost when sender.Role == ParticipantRole.Host:
                await _controls.SetRoleAsync(sender.Room.Meeting.Id, target.UserId, coHost.On ? MeetingControlStore.CoHost : null);
                sender.Room.SetRole(target.UserId, coHost.On ? ParticipantRole.CoHost : ParticipantRole.Guest);
                return null;
            default:
                return Forbidden(message, "Only the host can make or unmake co-hosts.");
        }
    }

    private async Task<SignalingError?> AdmitAsync(Participant sender, string id)
    {
        var result = sender.Room.Admit(id, _options.Capacity,
            (you, others, chat, state) => ServerMessages.Welcome(you, others, chat, null, state), out var admitted, out var others);
        if (result == Room.AdmitResult.NotWaiting)
        {
            return NotWaiting(new AdmitMessage(id));
        }
        if (result == Room.AdmitResult.Full)
        {
            return new SignalingError(ErrorCodes.MeetingFull, "The meeting is full.", "admit");
        }
        if (admitted!.MustBeAdmitted)
        {
            // Let in again after a removal: from now on the account joins like any guest.
            await _controls.SetRoleAsync(sender.Room.Meeting.Id, admitted.UserId, null);
        }
        Broadcast(others, ServerMessages.Joined(admitted));
        _attendance.Joined(admitted, Now);
        LogControl(_logger, sender.Id, "admit", admitted.Id, sender.Room.Meeting.Code);
        return null;
    }

    private async Task<SignalingError?> EndAsync(Participant host)
    {
        var room = host.Room;
        await _controls.EndAsync(room.Meeting.Id, Now);
        LogControl(_logger, host.Id, "end", room.Meeting.Code, room.Meeting.Code);
        var ended = ServerMessages.ByHost("ended", host.Name);
        var everyone = room.End();
        // Everyone hears it before anyone leaves, so nobody sees the others go first.
        foreach (var participant in everyone)
        {
            Tell(participant, ended);
        }
        foreach (var participant in everyone)
        {
            Leave(participant, CloseReason.Ended);
        }
        return null;
    }

    /// <summary>Asks <paramref name="target"/> to mute: its client turns the microphone off; only its owner turns it on again.</summary>
    private void Mute(Participant host, Participant target)
    {
        var media = target.Media;
        if (media.Mic)
        {
            target.Media = media with { Mic = false };
            Broadcast(target.Room.Members, ServerMessages.Media(target.Id, target.Media), except: target);
        }
        Tell(target, ServerMessages.ByHost("muted", host.Name));
    }

    /// <summary>Sends a protocol 2 message to one participant; a protocol 1 client never had it.</summary>
    private void Tell(Participant participant, byte[] body)
    {
        if (participant.Protocol >= 2)
        {
            Send(participant, body);
        }
    }

    private static SignalingError Forbidden(ClientMessage message, string why) => new(ErrorCodes.Forbidden, why, message.Type);

    private static SignalingError NotWaiting(ClientMessage message) =>
        new(ErrorCodes.NotWaiting, "Nobody with that id is asking to join (admitted, denied or gone already).", message.Type);
}
