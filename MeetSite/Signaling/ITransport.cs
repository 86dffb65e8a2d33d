namespace MeetSite.Signaling;

/// <summary>
/// One client link to a participant: a WebSocket or a long-poll session. The relay never writes to a
/// transport; it puts messages in the participant's <see cref="OutboundQueue"/> and wakes the owner.
/// </summary>
internal interface ITransport
{
    string UserId { get; }

    /// <summary>The meeting's code, for the log scope of work done on this transport from outside its requests.</summary>
    string MeetingCode { get; }

    /// <summary>Messages are waiting in the queue this transport owns.</summary>
    void Wake();

    /// <summary>A message to send before anything from the queue (a resume's welcome, which reuses a seq).</summary>
    void SendFirst(OutboundFrame frame);

    /// <summary>Ends this link (not necessarily the participant). Safe to call more than once.</summary>
    void Close(CloseReason reason);
}
