namespace MeetSite.Signaling;

/// <summary>Whether a participant's microphone, camera and screen share are on (the <c>media</c> field).</summary>
public readonly record struct MediaState(bool Mic, bool Cam, bool Screen);

/// <summary>A message from a client, validated against docs/signaling.md.</summary>
internal abstract record ClientMessage(string Type);

/// <summary>A join carries no name: the participant is shown with the account's display name.</summary>
/// <param name="Protocol">The version the client speaks: 1 when left out, 2 for meeting controls and the waiting room.</param>
internal sealed record JoinMessage(MediaState Media, ResumeRequest? Resume, int Protocol = 1) : ClientMessage("join");

internal sealed record ResumeRequest(string Id, string Token, long LastSeq);

/// <summary><paramref name="Data"/> is the raw JSON of <c>data</c>, a slice of the receive buffer: valid only while the message is handled.</summary>
internal sealed record SignalMessage(string To, ReadOnlyMemory<byte> Data) : ClientMessage("signal");

internal sealed record MediaMessage(MediaState Media) : ClientMessage("media");

internal sealed record ChatMessage(string Text) : ClientMessage("chat");

internal sealed record AckMessage(long Seq) : ClientMessage("ack");

internal sealed record LeaveMessage() : ClientMessage("leave");

/// <summary>
/// An <c>error</c> to send back: a code from docs/signaling.md, words for people, the refused type, and
/// the refused message's position when it came in a long-poll batch.
/// </summary>
internal sealed record SignalingError(string Code, string Message, string? Ref = null, int? Index = null);

internal static class ErrorCodes
{
    public const string BadJson = "bad-json";
    public const string DuplicateKey = "duplicate-key";
    public const string UnknownType = "unknown-type";
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string NotJoined = "not-joined";
    public const string AlreadyJoined = "already-joined";
    public const string UnknownParticipant = "unknown-participant";
    public const string RateLimited = "rate-limited";
    public const string TooLarge = "too-large";
    public const string ResumeFailed = "resume-failed";
    public const string MeetingFull = "meeting-full";
    public const string TooManyLookups = "too-many-lookups";
    public const string TooManyJoins = "too-many-joins";
    public const string TooManyConnections = "too-many-connections";
    public const string Moving = "moving";
    public const string Forbidden = "forbidden";
    public const string NotWaiting = "not-waiting";
    public const string NotAdmitted = "not-admitted";
    public const string MeetingLocked = "meeting-locked";
    public const string MeetingEnded = "meeting-ended";
    public const string AskLimit = "ask-limit";
    public const string NeedsProtocol2 = "needs-protocol-2";
}
