namespace MeetSite.Signaling;

/// <summary>
/// The meeting controls' state (docs/signaling.md, Meeting controls): settings, the waiting room, raised
/// hands, removed accounts and the end. All of it changes under the room's lock, and every message that
/// tells of a change is queued under it too, so the last list anyone receives is the current one.
/// </summary>
internal sealed partial class Room
{
    /// <summary>Denials after which an account may not ask again while the room lasts.</summary>
    public const int MaxDenials = 3;

    // People waiting per seat: enough for a class at the door, not an unbounded list in memory.
    private const int WaitingPerSeat = 4;

    private bool _locked = meeting.Locked;
    private bool _waitingRoom = meeting.WaitingRoom;
    private bool _ended;
    private bool _hostWasPresent;
    private Participant[] _waiting = [];
    private string[] _hands = [];
    private readonly Dictionary<string, int> _denials = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedUsers = new(StringComparer.Ordinal);

    /// <summary>Queues a message for a participant (the relay's Send, which handles a full queue).</summary>
    public Action<Participant, byte[]> Send { get; init; } = static (p, body) => p.Outbound.Enqueue(body);

    public bool IsEnded { get { lock (_gate) { return _ended; } } }

    public IReadOnlyList<Participant> Waiting { get { lock (_gate) { return _waiting; } } }

    public MeetingState State { get { lock (_gate) { return new MeetingState(_locked, _waitingRoom, _hands); } } }

    private bool HostPresent => Array.Exists(_members, m => m.CanModerate);

    /// <summary>Why a guest cannot come straight in, or null when it can: locked, must wait (then it waits), or refused.</summary>
    private AddResult? CheckAsk(Participant participant, int capacity)
    {
        if (_locked)
        {
            return AddResult.Locked;
        }
        if (!_waitingRoom && !participant.MustBeAdmitted && !_removedUsers.Contains(participant.UserId))
        {
            return null;
        }
        if (participant.Protocol < 2)
        {
            return AddResult.NeedsProtocol;
        }
        if (_denials.GetValueOrDefault(participant.UserId) >= MaxDenials)
        {
            return AddResult.AskLimit;
        }
        if (_waiting.Length >= capacity * WaitingPerSeat)
        {
            return AddResult.Full;
        }
        participant.IsWaiting = true;
        _waiting = [.. _waiting, participant];
        Send(participant, ServerMessages.Waiting(participant, HostPresent));
        SendWaitingRoom();
        return AddResult.Waiting;
    }

    public enum AdmitResult { Admitted, NotWaiting, Full }

    /// <summary>
    /// Lets waiting <paramref name="id"/> in: it becomes a member with <paramref name="welcome"/> as its next
    /// message, and the others are returned to be told. A stale or replayed admit finds nobody waiting.
    /// </summary>
    public AdmitResult Admit(string id, int capacity, Func<Participant, IReadOnlyList<Participant>, IReadOnlyList<StoredChat>, MeetingState, byte[]> welcome,
        out Participant? admitted, out Participant[] others)
    {
        lock (_gate)
        {
            others = _members;
            var found = Array.Find(_waiting, w => w.Id == id);
            admitted = found;
            if (found is null || _ended)
            {
                return AdmitResult.NotWaiting;
            }
            if (_members.Length >= capacity)
            {
                return AdmitResult.Full;
            }
            _waiting = Array.FindAll(_waiting, w => w != found);
            found.IsWaiting = false;
            _removedUsers.Remove(found.UserId);
            Send(found, welcome(found, others, _chat ?? [], State));
            Volatile.Write(ref _members, [.. others, found]);
            SendWaitingRoom();
            MembersChanged(found);
            return AdmitResult.Admitted;
        }
    }

    /// <summary>Turns waiting <paramref name="id"/> away, telling it how many asks it has left; null when nobody such waits.</summary>
    public Participant? Deny(string id)
    {
        lock (_gate)
        {
            if (Array.Find(_waiting, w => w.Id == id) is not { } denied)
            {
                return null;
            }
            var denials = _denials.GetValueOrDefault(denied.UserId) + 1;
            _denials[denied.UserId] = denials;
            Send(denied, ServerMessages.Denied(Math.Max(0, MaxDenials - denials)));
            return denied; // the relay makes it leave, which takes it off the list
        }
    }

    /// <summary>Raises or lowers <paramref name="participant"/>'s hand; everyone hears the queue when it changed.</summary>
    public void SetHand(Participant participant, bool raised)
    {
        lock (_gate)
        {
            if (!raised)
            {
                LowerHand(participant.Id);
            }
            else if (Array.IndexOf(_members, participant) >= 0 && Array.IndexOf(_hands, participant.Id) < 0)
            {
                _hands = [.. _hands, participant.Id];
                SendToMembers(ServerMessages.Hands(_hands));
            }
        }
    }

    /// <summary>Changes the settings given; everyone hears the result. Returns it, to be stored.</summary>
    public (bool Locked, bool WaitingRoom) ChangeSettings(bool? locked, bool? waitingRoom)
    {
        lock (_gate)
        {
            _locked = locked ?? _locked;
            _waitingRoom = waitingRoom ?? _waitingRoom;
            SendToMembers(ServerMessages.Settings(_locked, _waitingRoom));
            return (_locked, _waitingRoom);
        }
    }

    /// <summary>Gives every participant of <paramref name="userId"/> <paramref name="role"/>; everyone hears it.</summary>
    public void SetRole(string userId, ParticipantRole role)
    {
        lock (_gate)
        {
            foreach (var member in _members)
            {
                if (member.UserId == userId && member.Role != ParticipantRole.Host)
                {
                    member.Role = role;
                    SendToMembers(ServerMessages.Role(member.Id, role));
                    MembersChanged(member);
                }
            }
        }
    }

    /// <summary>Marks the account removed (it must be admitted to come back) and returns its participants here, to make leave.</summary>
    public Participant[] RemoveAccount(string userId)
    {
        lock (_gate)
        {
            _removedUsers.Add(userId);
            return [.. _members.Where(m => m.UserId == userId), .. _waiting.Where(w => w.UserId == userId)];
        }
    }

    /// <summary>Ends the meeting: nobody joins again. Returns everyone, members and waiting, to tell and make leave.</summary>
    public Participant[] End()
    {
        lock (_gate)
        {
            _ended = true;
            return [.. _members, .. _waiting];
        }
    }

    private void LowerHand(string id)
    {
        if (Array.IndexOf(_hands, id) >= 0)
        {
            _hands = Array.FindAll(_hands, h => h != id);
            SendToMembers(ServerMessages.Hands(_hands));
        }
    }

    /// <summary>
    /// After a member came, went or changed role: a new host or co-host gets the waiting list, and the
    /// waiting hear when a host arrives or the last one goes.
    /// </summary>
    private void MembersChanged(Participant? changed)
    {
        if (changed is { CanModerate: true, Protocol: >= 2 } && _waiting.Length > 0)
        {
            Send(changed, ServerMessages.WaitingRoom(_waiting));
        }
        var present = HostPresent;
        if (present != _hostWasPresent)
        {
            _hostWasPresent = present;
            foreach (var waiter in _waiting)
            {
                Send(waiter, ServerMessages.Waiting(waiter, present));
            }
        }
    }

    private void SendWaitingRoom()
    {
        var list = ServerMessages.WaitingRoom(_waiting);
        foreach (var member in _members)
        {
            if (member.CanModerate && member.Protocol >= 2)
            {
                Send(member, list);
            }
        }
    }

    /// <summary>Tells the members who speak protocol 2 (the messages protocol 1 never had).</summary>
    private void SendToMembers(byte[] body)
    {
        foreach (var member in _members)
        {
            if (member.Protocol >= 2)
            {
                Send(member, body);
            }
        }
    }
}
