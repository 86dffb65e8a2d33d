namespace MeetSite.Signaling;

/// <summary>The <c>Signaling</c> configuration section. Defaults are the limits in docs/signaling.md.</summary>
public sealed class SignalingOptions
{
    public const string Section = "Signaling";

    /// <summary>Participants per meeting: every pair holds a peer connection in a mesh, so keep it small.</summary>
    public int Capacity { get; set; } = 8;

    /// <summary>Origins other than the site's own that may open a socket or a poll (e.g. https://app.example.com).</summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>How long a dropped participant keeps its seat for a resume, and how long a poll session may go unpolled.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a welcome's resume token stays good. It lets its account come back as the same participant
    /// even to a process that restarted since (the call's media never stopped), so it should outlast a call.
    /// </summary>
    public TimeSpan ResumeTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a long-poll GET waits for messages before an empty 200.</summary>
    public TimeSpan LongPollHold { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a new WebSocket may stay open without a join.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages kept per participant for delivery and replay.</summary>
    public int OutboundQueueCapacity { get; set; } = 256;

    /// <summary>Token bucket per connection: a burst big enough for ICE trickle at call set-up.</summary>
    public int RateBurst { get; set; } = 200;

    public double RatePerSecond { get; set; } = 50;

    /// <summary>Rate-limit refusals after which a connection is closed for abuse.</summary>
    public int RateStrikes { get; set; } = 50;

    public int ChatHistory { get; set; } = 100;
}
