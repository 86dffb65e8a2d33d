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

    /// <summary>
    /// How long after a start this process restores participants it does not know (from a process that is
    /// gone). Longer than the grace period: clients come back with a backoff of up to 15 s between tries.
    /// </summary>
    public TimeSpan RestoreWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a long-poll GET waits for messages before an empty 200.</summary>
    public TimeSpan LongPollHold { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a new WebSocket may stay open without a join.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages kept per participant for delivery and replay.</summary>
    public int OutboundQueueCapacity { get; set; } = 256;

    /// <summary>Bytes kept per participant: without it, 256 messages of 64 KiB could stay held for a reader that never acks.</summary>
    public long OutboundQueueBytes { get; set; } = 1024 * 1024;

    /// <summary>Bytes kept by all participants' queues together, so many slow readers cannot add up to the server's memory.</summary>
    public long OutboundBudgetBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Token bucket per connection: a burst big enough for ICE trickle at call set-up.</summary>
    public int RateBurst { get; set; } = 200;

    public double RatePerSecond { get; set; } = 50;

    /// <summary>Rate-limit refusals after which a connection is closed for abuse.</summary>
    public int RateStrikes { get; set; } = 50;

    /// <summary>How long without a refusal before the strikes are forgotten: rare bursts in a long meeting never add up.</summary>
    public TimeSpan RateStrikeQuietPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Chat messages in a <c>welcome</c>.</summary>
    public int ChatHistory { get; set; } = 100;

    /// <summary>UTF-8 bytes of names and texts in a <c>welcome</c>'s chat: 100 long messages would make a large welcome for every joiner.</summary>
    public int ChatHistoryBytes { get; set; } = 256 * 1024;

    /// <summary>How long chat messages are stored.</summary>
    public TimeSpan ChatRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Chat messages stored per meeting; older ones are deleted.</summary>
    public int ChatMaxPerMeeting { get; set; } = 1000;

    /// <summary>How often the stored chat is cleaned up to <see cref="ChatRetention"/> and <see cref="ChatMaxPerMeeting"/>.</summary>
    public TimeSpan ChatCleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
