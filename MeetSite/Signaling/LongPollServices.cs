namespace MeetSite.Signaling;

/// <summary>What the long-poll endpoints need, as one parameter.</summary>
internal sealed class LongPollServices(RequestGate gate, SignalingRelay relay, LongPollSessions sessions, OpenTransports transports, TimeProvider clock,
    IHostApplicationLifetime lifetime)
{
    public RequestGate Gate => gate;
    public SignalingRelay Relay => relay;
    public LongPollSessions Sessions => sessions;
    public OpenTransports Transports => transports;
    public TimeProvider Clock => clock;
    public bool Draining => lifetime.ApplicationStopping.IsCancellationRequested;
}
