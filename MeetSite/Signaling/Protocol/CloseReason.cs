using System.Net.WebSockets;

namespace MeetSite.Signaling;

/// <summary>Why the relay ends a transport; each maps to the close code in docs/signaling.md.</summary>
public enum CloseReason
{
    Left,
    TakenOver,
    Dropped,
    Abuse,
    LoggedOut,
    TooLarge,
    JoinTimeout,
    SlowConsumer,
    Expired,
    ServerError,
    ShuttingDown,
    Removed,
    Denied,
    Ended,
}

internal static class CloseReasons
{
    public const int JoinTimeoutCode = 4001;
    public const int SlowConsumerCode = 4002;
    public const int MovingCode = 4003;

    public static WebSocketCloseStatus ToCloseStatus(this CloseReason reason) => reason switch
    {
        CloseReason.Abuse or CloseReason.LoggedOut => WebSocketCloseStatus.PolicyViolation,
        CloseReason.TooLarge => WebSocketCloseStatus.MessageTooBig,
        CloseReason.JoinTimeout => (WebSocketCloseStatus)JoinTimeoutCode,
        CloseReason.SlowConsumer => (WebSocketCloseStatus)SlowConsumerCode,
        CloseReason.ServerError => WebSocketCloseStatus.InternalServerError,
        // Not 1001: clients resume after any drop, but on this code at once, to the next process (docs/signaling.md, Draining).
        CloseReason.ShuttingDown => (WebSocketCloseStatus)MovingCode,
        _ => WebSocketCloseStatus.NormalClosure,
    };

    /// <summary>Reasons after which the participant is gone at once, with no grace period for a resume.</summary>
    public static bool EndsParticipant(this CloseReason reason) =>
        reason is CloseReason.Left or CloseReason.Abuse or CloseReason.LoggedOut or CloseReason.TooLarge
            or CloseReason.SlowConsumer or CloseReason.Expired or CloseReason.ServerError
            or CloseReason.Removed or CloseReason.Denied or CloseReason.Ended;

    /// <summary>Reasons explained by a last message (<c>removed</c>, <c>denied</c>, <c>ended</c>) that the client must receive before the close.</summary>
    public static bool HasLastWord(this CloseReason reason) => reason is CloseReason.Removed or CloseReason.Denied or CloseReason.Ended;
}
