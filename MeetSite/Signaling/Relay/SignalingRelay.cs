using MeetSite.Identity;
using MeetSite.Meetings;
using MeetSite.Security;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// The relay itself, behind both transports: joins and resumes, forwards messages inside a meeting with
/// the sender stamped by the server, and makes participants leave.
/// </summary>
internal sealed partial class SignalingRelay
{
    private readonly RoomRegistry _rooms;
    private readonly OpenTransports _transports;
    private readonly ChatStore _chat;
    private readonly MeetingControlStore _controls;
    private readonly ResumeTokens _tokens;
    private readonly AttendanceLog _attendance;
    private readonly IRestoreRecord _restores;
    private readonly OutboundBudget _budget;
    private readonly SignalingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SignalingRelay> _logger;

    public SignalingRelay(RoomRegistry rooms, OpenTransports transports, ChatStore chat, MeetingControlStore controls, ResumeTokens tokens,
        AttendanceLog attendance, IRestoreRecord restores, OutboundBudget budget, IOptions<SignalingOptions> options, TimeProvider clock,
        SessionEvents sessions, SignalingMetrics metrics, ILogger<SignalingRelay> logger)
    {
        (_rooms, _transports, _chat, _controls, _tokens, _attendance, _restores, _budget, _options, _clock, Metrics, _logger) =
            (rooms, transports, chat, controls, tokens, attendance, restores, budget, options.Value, clock, metrics, logger);
        sessions.UserSignedOut += SignOut;
    }

    public SignalingOptions Options => _options;

    public ILogger Logger => _logger;

    public SignalingMetrics Metrics { get; }

    /// <summary>Joins afresh, or resumes when <paramref name="join"/> says so; the error says why not.</summary>
    public async Task<(Participant? Joined, SignalingError? Error)> JoinAsync(Meeting meeting, string userId, string accountName, JoinMessage join, ITransport transport)
    {
        var started = _clock.GetTimestamp();
        (Participant? Joined, SignalingError? Error) result = join.Resume is { } resume
            ? await ResumeAsync(meeting, userId, accountName, join, resume, transport)
            : await EnterAsync(meeting, userId, ShownName(accountName), join, null, transport);
        Metrics.Joined(join.Resume is not null, result.Joined is not null, _clock.GetElapsedTime(started));
        return result;
    }

    /// <summary>
    /// Puts a participant into the meeting's room: someone new, or one <paramref name="restored"/> from a
    /// process that is gone. The others hear <c>joined</c> either way; for a restored one they already have a
    /// peer connection with that id and keep it. Someone who must ask to join enters the waiting room instead.
    /// </summary>
    private async Task<(Participant? Joined, SignalingError? Error)> EnterAsync(Meeting meeting, string userId, string name, JoinMessage join,
        Restored? restored, ITransport transport)
    {
        var stored = await _controls.RoleOfAsync(meeting.Id, userId);
        if (restored is not null && stored == MeetingControlStore.Removed)
        {
            return ResumeFailed("You were removed from this meeting.");
        }
        var role = userId == meeting.HostUserId ? ParticipantRole.Host
            : stored == MeetingControlStore.CoHost ? ParticipantRole.CoHost
            : ParticipantRole.Guest;
        while (true)
        {
            var room = _rooms.GetOrCreate(meeting, Send);
            var storedChat = room.NeedsChat
                ? Room.Latest([.. await _chat.RecentAsync(meeting.Id, _options.ChatHistory)], _options.ChatHistory, _options.ChatHistoryBytes)
                : null;
            var participant = new Participant(userId, name, join.Media, room,
                _options.OutboundQueueCapacity, _options.OutboundQueueBytes, _budget, restored)
            {
                Protocol = join.Protocol,
                MustBeAdmitted = stored == MeetingControlStore.Removed,
                Role = role,
            };
            participant.Token = restored?.Token ?? _tokens.Issue(new ResumeTicket(meeting.Code, userId, participant.Id));
            participant.Outbound.TryAttach(transport, restored?.LastSeq ?? 0, null, out _);
            // A restored welcome says which of the others are back so far, and carries the chat all the same: a
            // message sent while the participant was away reaches it, and its page drops the ids it has.
            var added = room.TryAdd(participant, _options.Capacity, storedChat,
                (others, chat, state) => ServerMessages.Welcome(participant, others, chat,
                    restored is null ? null : _restores.WaitForOthers(room), state), out var others);
            switch (added)
            {
                case Room.AddResult.Added:
                    Broadcast(others, ServerMessages.Joined(participant));
                    _attendance.Joined(participant, Now);
                    LogJoined(_logger, participant.Id, meeting.Code, others.Length + 1);
                    return (participant, null);
                case Room.AddResult.Waiting:
                    LogWaiting(_logger, participant.Id, meeting.Code);
                    return (participant, null);
                case Room.AddResult.Closed:
                    continue; // the room emptied as we came: the next one is new
                case Room.AddResult.AlreadyIn:
                    return ResumeFailed("Resumed on another connection already.");
                default:
                    room.CloseIfEmpty(_rooms.Remove); // a refused first comer must not leave an empty room behind
                    return (null, Refusal(added));
            }
        }
    }

    private static SignalingError Refusal(Room.AddResult result) => result switch
    {
        Room.AddResult.Locked => new(ErrorCodes.MeetingLocked, "The meeting is locked: nobody new can join.", "join"),
        Room.AddResult.Ended => new(ErrorCodes.MeetingEnded, "This meeting has ended.", "join"),
        Room.AddResult.AskLimit => new(ErrorCodes.AskLimit, "Your requests to join were denied: you cannot ask again.", "join"),
        Room.AddResult.NeedsProtocol => new(ErrorCodes.NeedsProtocol2, "This meeting asks people to wait for a host: join with protocol 2.", "join"),
        _ => new(ErrorCodes.MeetingFull, "The meeting is full.", "join"),
    };

    public async Task<SignalingError?> DispatchAsync(Participant sender, ClientMessage message)
    {
        if (sender.IsWaiting && message is not (AckMessage or LeaveMessage))
        {
            // Someone waiting is not in the meeting yet: nothing of theirs reaches anyone in it.
            return new SignalingError(ErrorCodes.NotAdmitted, "Wait until a host lets you in.", message.Type);
        }
        switch (message)
        {
            case SignalMessage signal:
                if (sender.Room.Find(signal.To) is not { } target)
                {
                    return new SignalingError(ErrorCodes.UnknownParticipant, "No such participant in this meeting.", "signal");
                }
                Send(target, ServerMessages.Signal(sender.Id, signal.Data));
                return null;
            case MediaMessage media:
                sender.Media = media.Media;
                Broadcast(sender.Room.Members, ServerMessages.Media(sender.Id, media.Media), except: sender);
                return null;
            case ChatMessage chat:
                var at = Now;
                var id = await _chat.AddAsync(sender.Room.Meeting.Id, sender.UserId, sender.Name, chat.Text, at);
                sender.Room.AddChat(new StoredChat(id, sender.Name, chat.Text, at), _options.ChatHistory, _options.ChatHistoryBytes);
                Broadcast(sender.Room.Members, ServerMessages.Chat(id, sender.Id, sender.Name, chat.Text, at));
                return null;
            case AckMessage ack:
                sender.Outbound.Ack(ack.Seq);
                return null;
            case LeaveMessage:
                Leave(sender, CloseReason.Left);
                return null;
            case JoinMessage:
                return new SignalingError(ErrorCodes.AlreadyJoined, "Already joined on this connection.", message.Type);
            default:
                return await ControlAsync(sender, message);
        }
    }

    /// <summary>
    /// Queues <paramref name="body"/> for <paramref name="to"/>; a full queue disconnects that participant,
    /// not the sender. So does a spent process budget: the queue trying to grow then is the one that goes.
    /// </summary>
    public void Send(Participant to, byte[] body)
    {
        Metrics.Queued(body.Length);
        if (to.Outbound.Enqueue(body) == OutboundQueue.Result.Overflow)
        {
            LogSlowConsumer(_logger, to.Id);
            // Not inline: the sender's loop should not do the slow participant's leaving. That work item
            // does not flow the sender's log scope, so it opens the meeting's own.
            ThreadPool.UnsafeQueueUserWorkItem(p =>
            {
                using var scope = MeetingLogScope.Begin(_logger, p.Room.Meeting.Code);
                Leave(p, CloseReason.SlowConsumer);
            }, to, preferLocal: false);
        }
    }

    /// <summary>The participant leaves at once: others are told, its queue and transport are closed.</summary>
    public void Leave(Participant participant, CloseReason reason)
    {
        if (!participant.TryMarkLeft())
        {
            return;
        }
        if (reason == CloseReason.SlowConsumer)
        {
            Metrics.QueueOverflowed();
        }
        var others = participant.Room.Remove(participant, _rooms.Remove);
        participant.Outbound.Close()?.Close(reason);
        if (others is null)
        {
            LogLeft(_logger, participant.Id, participant.Room.Meeting.Code, reason);
            return; // it was waiting: nobody in the meeting knew of it
        }
        Broadcast(others, ServerMessages.Left(participant.Id));
        _attendance.Left(participant, Now);
        _restores.Left(participant.Room.Meeting.Code, participant.Id);
        LogLeft(_logger, participant.Id, participant.Room.Meeting.Code, reason);
    }

    /// <summary>
    /// The one teardown of a link, whichever ends it (a leave, abuse, a slow consumer, an idle long-poll
    /// session, an error): when the link still speaks for its participant, the participant leaves and the
    /// others are told; then the link closes. A link taken over by a resume elsewhere only closes.
    /// </summary>
    public void End(ITransport transport, Participant? participant, CloseReason reason)
    {
        if (participant is not null && participant.Outbound.Owner == transport)
        {
            Leave(participant, reason);
        }
        transport.Close(reason);
    }

    /// <summary>A transport ended without leaving: keep the seat for the grace period, unless someone else took over.</summary>
    public void Dropped(Participant participant, ITransport transport)
    {
        if (participant.IsWaiting && participant.Outbound.Owner == transport)
        {
            // It has no resume token yet (that comes with the welcome): it asks again from the start.
            Leave(participant, CloseReason.Dropped);
            return;
        }
        if (!participant.HasLeft && participant.Outbound.Detach(transport))
        {
            participant.StartGrace(_clock, _options.GracePeriod, p => Leave(p, CloseReason.Expired));
        }
    }

    private void Broadcast(IReadOnlyList<Participant> to, byte[] body, Participant? except = null)
    {
        foreach (var participant in to)
        {
            if (participant != except)
            {
                Send(participant, body);
            }
        }
    }

    private void SignOut(string userId)
    {
        foreach (var participant in _rooms.ParticipantsOf(userId).ToList())
        {
            using var scope = MeetingLogScope.Begin(_logger, participant.Room.Meeting.Code);
            Leave(participant, CloseReason.LoggedOut);
        }
        _transports.CloseAllOf(userId, CloseReason.LoggedOut);
    }

    /// <summary>The account's name as others see it, cleaned here too: accounts made before names were cleaned may hold anything.</summary>
    private static string ShownName(string accountName) => UserText.CleanName(accountName) is { Length: > 0 } name ? name : "Guest";

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
