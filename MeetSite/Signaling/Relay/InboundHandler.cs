using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// Everything a connection receives goes through here, whichever transport it came by: the rate limit,
/// parsing, then join or relay. Returns the error to send back, if any.
/// </summary>
internal sealed class InboundHandler(SignalingRelay relay, Meeting meeting, string userId, string accountName, ITransport transport, TimeProvider clock)
{
    private readonly TokenBucket _bucket = new(relay.Options.RateBurst, relay.Options.RatePerSecond,
        relay.Options.RateStrikes, relay.Options.RateStrikeQuietPeriod, clock);
    private Participant? _participant;

    public Participant? Participant => Volatile.Read(ref _participant);

    public Meeting Meeting => meeting;

    /// <summary>For a long-poll session, which exists only once its participant has joined.</summary>
    public void Joined(Participant participant) => Volatile.Write(ref _participant, participant);

    public async ValueTask<SignalingError?> HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        relay.Metrics.Received(utf8.Length);
        var verdict = _bucket.Take();
        if (verdict != TokenBucket.Verdict.Taken)
        {
            relay.Metrics.Refused(RateLimitNames.Messages);
            if (verdict == TokenBucket.Verdict.Abuse)
            {
                relay.End(transport, Participant, CloseReason.Abuse);
            }
            return new SignalingError(ErrorCodes.RateLimited, "Too many messages: this one was dropped.");
        }
        var message = ClientMessageParser.Parse(utf8, out var error);
        if (message is null)
        {
            return error;
        }
        if (Participant is { } participant)
        {
            return await relay.DispatchAsync(participant, message);
        }
        if (message is not JoinMessage join)
        {
            return new SignalingError(ErrorCodes.NotJoined, "Send join first.", message.Type);
        }
        var (joined, refused) = await relay.JoinAsync(meeting, userId, accountName, join, transport);
        if (joined is not null)
        {
            Joined(joined);
        }
        return refused;
    }
}
